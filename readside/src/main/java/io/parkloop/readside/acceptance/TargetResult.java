package io.parkloop.readside.acceptance;

/**
 * One target of a park-year against its actual value.
 *
 * @param actual null when the park has no value of the indicator for the year
 * @param unit the actual's unit; null when there is no actual
 * @param completion actual ÷ target or target ÷ actual (see {@link Direction}); null without an
 *     actual; infinite for a smaller-is-better actual of 0
 */
public record TargetResult(String indicator, double target, Double actual, String unit, Direction direction,
    Double completion, Status status, String reason) {

  /** {@code no_data}: the target cannot be judged, and so is not reached. */
  public enum Status { PASSES, FAILS, NO_DATA }
}
