package io.parkloop.reference;

import java.time.Duration;

/**
 * An energy or water meter.
 *
 * @param cumulative true for a counter (consumption = later − earlier), false for a meter that
 *     reports the quantity of the interval ending at its timestamp
 * @param rollover the counter's modulus, or null when it never rolls over
 * @param interval the length of an interval meter's period, or null to use the time since its
 *     previous reading
 * @param coalFactorKgce a per-meter override of the standard-coal factor (kgce per kWh, m³, kg or
 *     MJ, as in GB/T 2589), or null for the medium's reference value; when it changes from a day on
 *     ({@code changes} in reference.yaml), its versions, the base being the factor before the first
 *     change
 * @param supplier for a transfer meter, the enterprise or park utility that supplies what the
 *     meter measures to its {@code enterprise} (the consumer); null for a supply from outside
 *     the park's enterprises (the grid, a gas or coal supplier, the waterworks)
 */
public record Meter(String id, String enterprise, Medium medium, boolean cumulative, String unit,
    Double rollover, Duration interval, Versions coalFactorKgce, String supplier) implements java.io.Serializable {

  /** A meter of a supply from outside the park's enterprises whose factor, if its own, never changes. */
  public Meter(String id, String enterprise, Medium medium, boolean cumulative, String unit,
      Double rollover, Duration interval, Double coalFactorKgce) {
    this(id, enterprise, medium, cumulative, unit, rollover, interval,
        coalFactorKgce == null ? null : Versions.always(coalFactorKgce), null);
  }

  /** True when the meter measures a transfer from a supplier of the park (SPEC "Links between enterprises"). */
  public boolean isTransfer() {
    return supplier != null;
  }

  /**
   * Tonnes of standard coal per canonical unit of this meter's medium with the factor in force at
   * the instant; 0 for non-energy media.
   */
  public double tcePerUnit(long epochMillis) {
    if (coalFactorKgce != null) {
      return medium.tcePerCanonicalUnit(coalFactorKgce.at(epochMillis));
    }
    return medium.standardCoalKgce().map(medium::tcePerCanonicalUnit).orElse(0.0);
  }
}
