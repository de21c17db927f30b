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
 *     MJ, as in GB/T 2589), or null for the medium's reference value
 */
public record Meter(String id, String enterprise, Medium medium, boolean cumulative, String unit,
    Double rollover, Duration interval, Double coalFactorKgce) implements java.io.Serializable {

  /** Tonnes of standard coal per canonical unit of this meter's medium; 0 for non-energy media. */
  public double tcePerUnit() {
    if (coalFactorKgce != null) {
      return medium.tcePerCanonicalUnit(coalFactorKgce);
    }
    return medium.standardCoalKgce().map(medium::tcePerCanonicalUnit).orElse(0.0);
  }
}
