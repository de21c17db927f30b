package io.parkloop.reference;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a meter measures. Each medium has a canonical unit that readings are converted to, the
 * indicator its consumption is exported as, and (for energy) its standard-coal factor from
 * GB/T 2589-2020, stated as in the standard: kgce per kWh, m³, kg or MJ.
 */
public enum Medium {
  ELECTRICITY("electricity", "kWh", "electricity_kwh", 0.1229, "kWh"),
  NATURAL_GAS("natural_gas", "m3", "natural_gas_m3", 1.2143, "m3"),
  RAW_COAL("raw_coal", "t", "raw_coal_t", 0.7143, "kg"),
  DIESEL("diesel", "t", "diesel_t", 1.4571, "kg"),
  FUEL_OIL("fuel_oil", "t", "fuel_oil_t", 1.4286, "kg"),
  LPG("lpg", "t", "lpg_t", 1.7143, "kg"),
  STEAM("steam", "t", "steam_t", 0.1286, "kg"),
  HEAT("heat", "GJ", "heat_gj", 0.03412, "MJ"),
  /** GB/T 2589-2020 appendix: equivalent value of compressed air, 0.0400 kgce/m³. */
  COMPRESSED_AIR("compressed_air", "m3", "compressed_air_m3", 0.0400, "m3"),
  /**
   * Coke-oven, blast-furnace or process off-gas passed to another enterprise: its calorific value
   * differs so much between gases that there is no reference factor, so its meters must state
   * their {@code standard_coal_factor} (kgce/m³).
   */
  BYPRODUCT_GAS("byproduct_gas", "m3", "byproduct_gas_m3", null, "m3"),
  FRESH_WATER("fresh_water", "m3", "fresh_water_m3", null, null),
  RECYCLED_WATER("recycled_water", "m3", "recycled_water_m3", null, null);

  /**
   * What one enterprise (or a park utility) may supply to another through a transfer meter:
   * secondary energy and reclaimed water. Fuels and fresh water come from outside the park.
   */
  private static final java.util.Set<Medium> TRANSFERABLE =
      java.util.EnumSet.of(STEAM, HEAT, ELECTRICITY, COMPRESSED_AIR, BYPRODUCT_GAS, RECYCLED_WATER);

  private final String id;
  private final String canonicalUnit;
  private final String indicator;
  private final Double standardCoalKgce;
  private final String standardCoalPer;

  Medium(String id, String canonicalUnit, String indicator, Double standardCoalKgce, String standardCoalPer) {
    this.id = id;
    this.canonicalUnit = canonicalUnit;
    this.indicator = indicator;
    this.standardCoalKgce = standardCoalKgce;
    this.standardCoalPer = standardCoalPer;
  }

  public String id() {
    return id;
  }

  public String canonicalUnit() {
    return canonicalUnit;
  }

  /** The exported indicator of this medium's consumption, e.g. {@code electricity_kwh}. */
  public String indicator() {
    return indicator;
  }

  /** True for media counted in {@code energy_tce}, i.e. with a standard-coal factor (given or the meter's own). */
  public boolean isEnergy() {
    return standardCoalPer != null;
  }

  /** True when a meter of this medium may name a {@code supplier} (SPEC "Links between enterprises"). */
  public boolean isTransferable() {
    return TRANSFERABLE.contains(this);
  }

  /**
   * Tonnes of standard coal per canonical unit, from a factor in kgce per the standard's unit
   * ({@code kgcePerStandardUnit}), e.g. 0.1229 kgce/kWh is 0.0001229 tce/kWh and 0.1286 kgce/kg
   * of steam is 0.1286 tce/t.
   */
  public double tcePerCanonicalUnit(double kgcePerStandardUnit) {
    double standardUnitsPerCanonical = Units.convert(1.0, canonicalUnit, standardCoalPer, this);
    return kgcePerStandardUnit * standardUnitsPerCanonical / 1000.0;
  }

  /** The GB/T 2589-2020 reference factor, kgce per the standard's unit; empty for non-energy media. */
  public Optional<Double> standardCoalKgce() {
    return Optional.ofNullable(standardCoalKgce);
  }

  public static Optional<Medium> of(String id) {
    return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
  }
}
