package io.parkloop.ingest.hj212;

/**
 * One number from a packet's CP field, such as {@code 011-Rtd=70.00} with {@code 011-Flag=N}.
 *
 * @param factor the HJ 212-2017 factor code ({@code w01018}); an old code without a 2017
 *     counterpart stays as it came
 * @param originalCode the code as sent ({@code 011})
 * @param kind what the number is: Rtd, Avg, Min, Max, Cou, ZsRtd, ZsAvg, …
 * @param flag the data flag (N normal, F stopped, M maintenance, S manual, D fault, C calibration,
 *     T over range, B communication lost), or null when the packet gives none
 */
public record Hj212Value(String factor, String originalCode, String kind, double value,
    String flag) {
  /**
   * HJ 212-2025's number for "could not be computed" (e.g. an average over an hour without valid
   * data): a value, not a measurement.
   */
  public static final double NOT_COMPUTED = 9999.99;
  /**
   * The flag parkloop gives such a value in place of the analyser's, so that it is stored and
   * shown but, not being N, never counts in a load, a concentration alert or an average. It is no
   * flag of the standard's (N F M S D C T B).
   */
  public static final String NOT_COMPUTED_FLAG = "U";

  /** This value as a flagged reading if it is the 2025 sentinel, else itself. */
  Hj212Value markedIfNotComputed() {
    return value == NOT_COMPUTED ? new Hj212Value(factor, originalCode, kind, value, NOT_COMPUTED_FLAG) : this;
  }
}
