package io.parkloop.readside.acceptance;

import java.util.List;

/**
 * A park's acceptance for a year.
 *
 * @param yearToDate true while the year has not ended: the actuals are the year so far
 * @param targets one result per target, in the order of the indicators' names
 */
public record ParkResult(ParkInfo park, int year, boolean yearToDate, Status status, String reason,
    List<TargetResult> targets) {

  /**
   * {@code passes}: every target reached 90 %; {@code fails}: at least one target was judged and
   * missed; {@code incomplete}: none missed but at least one has no actual value;
   * {@code no_targets}: reference data sets no target for the park that year. Only
   * {@code passes} counts as passed in the provincial progress.
   */
  public enum Status { PASSES, FAILS, INCOMPLETE, NO_TARGETS }

  public boolean passes() {
    return status == Status.PASSES;
  }
}
