package io.parkloop.readside.acceptance;

import io.parkloop.reference.Indicator;

/**
 * Which way an indicator improves, and so how its completion is computed (SPEC "Acceptance and
 * provincial progress"): as the {@link Indicator} catalogue says, bigger-is-better ones by actual ÷
 * target, smaller-is-better ones by target ÷ actual.
 */
public enum Direction {
  BIGGER_IS_BETTER, SMALLER_IS_BETTER;

  /** An indicator outside the catalogue (a medium's supplied or exchanged flow) is a use: smaller is better. */
  public static Direction of(String indicator) {
    return Indicator.of(indicator).filter(Indicator::isBiggerBetter).isPresent() ? BIGGER_IS_BETTER : SMALLER_IS_BETTER;
  }

  /**
   * The share of the target reached, 1.0 = exactly on target; infinite when a smaller-is-better
   * actual is 0 (nothing left to reduce: zero discharge is the programme's aim).
   */
  public double completion(double actual, double target) {
    if (this == BIGGER_IS_BETTER) {
      return actual / target;
    }
    return actual <= 0 ? Double.POSITIVE_INFINITY : target / actual;
  }

  /** Lower-case with dashes, as the tables show it: {@code bigger-is-better}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
