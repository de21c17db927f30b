package io.parkloop.storage.acceptance;

import java.util.Set;

/**
 * Which way an indicator improves, and so how its completion is computed (SPEC "Acceptance and
 * provincial progress"): output rates, the water reuse rate, value added, output value,
 * recycled water, solid waste utilised and its utilisation rate, and waste exchanged between
 * enterprises are better when bigger (completion = actual ÷ target); intensities, discharged
 * loads, energy, every other consumption and waste generated or disposed are better when smaller
 * (completion = target ÷ actual).
 */
public enum Direction {
  BIGGER_IS_BETTER, SMALLER_IS_BETTER;

  private static final Set<String> BIGGER = Set.of("water_reuse_rate", "value_added_10k_cny", "output_value_10k_cny",
      "recycled_water_m3", "solid_waste_utilized_t", "solid_waste_utilization_rate", "hazardous_waste_utilized_t",
      "waste_exchanged_t");

  public static Direction of(String indicator) {
    return indicator.endsWith("_output_rate") || BIGGER.contains(indicator) ? BIGGER_IS_BETTER : SMALLER_IS_BETTER;
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
