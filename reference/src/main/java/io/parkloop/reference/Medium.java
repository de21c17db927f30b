package io.parkloop.reference;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a meter measures. Each medium has a canonical unit that readings are converted to, the
 * indicator its consumption is exported as, and (for energy) its standard-coal factor from
 * GB/T 2589-2020, stated as in the standard: kgce per kWh, m³, kg or MJ.
 */
public enum Medium {
  ELECTRICITY("electricity", Indicator.ELECTRICITY_KWH, 0.1229, Units.KWH),
  NATURAL_GAS("natural_gas", Indicator.NATURAL_GAS_M3, 1.2143, Units.M3),
  RAW_COAL("raw_coal", Indicator.RAW_COAL_T, 0.7143, Units.KG),
  DIESEL("diesel", Indicator.DIESEL_T, 1.4571, Units.KG),
  FUEL_OIL("fuel_oil", Indicator.FUEL_OIL_T, 1.4286, Units.KG),
  LPG("lpg", Indicator.LPG_T, 1.7143, Units.KG),
  STEAM("steam", Indicator.STEAM_T, 0.1286, Units.KG),
  HEAT("heat", Indicator.HEAT_GJ, 0.03412, Units.MJ),
  /** GB/T 2589-2020 appendix: equivalent value of compressed air, 0.0400 kgce/m³. */
  COMPRESSED_AIR("compressed_air", Indicator.COMPRESSED_AIR_M3, 0.0400, Units.M3),
  /**
   * Coke-oven, blast-furnace or process off-gas passed to another enterprise: its calorific value
   * differs so much between gases that there is no reference factor, so its meters must state
   * their {@code standard_coal_factor} (kgce/m³).
   */
  BYPRODUCT_GAS("byproduct_gas", Indicator.BYPRODUCT_GAS_M3, null, Units.M3),
  FRESH_WATER("fresh_water", Indicator.FRESH_WATER_M3, null, null),
  RECYCLED_WATER("recycled_water", Indicator.RECYCLED_WATER_M3, null, null);

  /**
   * What one enterprise (or a park utility) may supply to another through a transfer meter:
   * secondary energy and reclaimed water. Fuels and fresh water come from outside the park.
   */
  private static final java.util.Set<Medium> TRANSFERABLE =
      java.util.EnumSet.of(STEAM, HEAT, ELECTRICITY, COMPRESSED_AIR, BYPRODUCT_GAS, RECYCLED_WATER);

  private final String id;
  private final Indicator indicator;
  private final Double standardCoalKgce;
  private final String standardCoalPer;

  Medium(String id, Indicator indicator, Double standardCoalKgce, String standardCoalPer) {
    this.id = id;
    this.indicator = indicator;
    this.standardCoalKgce = standardCoalKgce;
    this.standardCoalPer = standardCoalPer;
  }

  public String id() {
    return id;
  }

  /** The unit readings are converted to: its indicator's. */
  public String canonicalUnit() {
    return indicator.unit();
  }

  /** The exported indicator of this medium's consumption, e.g. {@code electricity_kwh}. */
  public String indicator() {
    return indicator.code();
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
    double standardUnitsPerCanonical = Units.convert(1.0, canonicalUnit(), standardCoalPer, this);
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
