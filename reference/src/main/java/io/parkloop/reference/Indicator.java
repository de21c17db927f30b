package io.parkloop.reference;

import static io.parkloop.reference.Indicator.Better.BIGGER;
import static io.parkloop.reference.Indicator.Better.SMALLER;
import static io.parkloop.reference.Indicator.Kind.CONSUMPTION;
import static io.parkloop.reference.Indicator.Kind.DERIVED;
import static io.parkloop.reference.Indicator.Kind.LINK;
import static io.parkloop.reference.Indicator.Kind.LOAD;
import static io.parkloop.reference.Indicator.Kind.STATISTIC;
import static io.parkloop.reference.Indicator.Kind.WASTE;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalogue of exported indicators (SPEC "Indicators", docs/indicators.md): each one's name
 * on the wire, its unit, where it comes from and which way it improves. A medium's consumption
 * also has a link variant per flow ({@link #suppliedOf}, {@link #exchangedOf}) that is not listed.
 */
public enum Indicator {
  ELECTRICITY_KWH("electricity_kwh", Units.KWH, CONSUMPTION, SMALLER),
  NATURAL_GAS_M3("natural_gas_m3", Units.M3, CONSUMPTION, SMALLER),
  RAW_COAL_T("raw_coal_t", Units.T, CONSUMPTION, SMALLER),
  DIESEL_T("diesel_t", Units.T, CONSUMPTION, SMALLER),
  FUEL_OIL_T("fuel_oil_t", Units.T, CONSUMPTION, SMALLER),
  LPG_T("lpg_t", Units.T, CONSUMPTION, SMALLER),
  STEAM_T("steam_t", Units.T, CONSUMPTION, SMALLER),
  HEAT_GJ("heat_gj", Units.GJ, CONSUMPTION, SMALLER),
  COMPRESSED_AIR_M3("compressed_air_m3", Units.M3, CONSUMPTION, SMALLER),
  BYPRODUCT_GAS_M3("byproduct_gas_m3", Units.M3, CONSUMPTION, SMALLER),
  FRESH_WATER_M3("fresh_water_m3", Units.M3, CONSUMPTION, SMALLER),
  /** Water reused in circulation: the more of it, the less fresh water is drawn. */
  RECYCLED_WATER_M3("recycled_water_m3", Units.M3, CONSUMPTION, BIGGER),
  /** Σ quantity × standard-coal factor over the energy media. */
  ENERGY_TCE("energy_tce", Units.TCE, CONSUMPTION, SMALLER),
  /** Energy a scope's enterprises supplied through transfer meters to consumers outside the scope. */
  ENERGY_TCE_SUPPLIED(suppliedOf("energy_tce"), Units.TCE, LINK, SMALLER),
  /** Energy passed between two enterprises of the scope: counted in the consumer's use, taken out of the scope's. */
  ENERGY_TCE_EXCHANGED(exchangedOf("energy_tce"), Units.TCE, LINK, SMALLER),
  /** energy_tce − energy_tce_supplied: what the scope used for itself. */
  ENERGY_TCE_NET("energy_tce_net", Units.TCE, DERIVED, SMALLER),

  VALUE_ADDED_10K_CNY("value_added_10k_cny", Units.TEN_K_CNY, STATISTIC, BIGGER),
  OUTPUT_VALUE_10K_CNY("output_value_10k_cny", Units.TEN_K_CNY, STATISTIC, BIGGER),
  /** Main raw materials consumed. */
  MATERIAL_T("material_t", Units.T, STATISTIC, SMALLER),

  COD_KG("cod_kg", Units.KG, LOAD, SMALLER),
  NH3N_KG("nh3n_kg", Units.KG, LOAD, SMALLER),
  SO2_KG("so2_kg", Units.KG, LOAD, SMALLER),
  NOX_KG("nox_kg", Units.KG, LOAD, SMALLER),
  PM_KG("pm_kg", Units.KG, LOAD, SMALLER),

  /** General industrial solid waste (一般工业固体废物); docs/indicators.md "Solid waste and by-products". */
  SOLID_WASTE_GENERATED_T("solid_waste_generated_t", Units.T, WASTE, SMALLER),
  /** Utilised in-house or passed to another enterprise for use (综合利用量). */
  SOLID_WASTE_UTILIZED_T("solid_waste_utilized_t", Units.T, WASTE, BIGGER),
  SOLID_WASTE_DISPOSED_T("solid_waste_disposed_t", Units.T, WASTE, SMALLER),
  SOLID_WASTE_STORED_T("solid_waste_stored_t", Units.T, WASTE, SMALLER),
  /** Handed over to outside licensed handlers. */
  SOLID_WASTE_TO_HANDLERS_T("solid_waste_to_handlers_t", Units.T, WASTE, SMALLER),
  /** Hazardous waste (危险废物), every HW class together. */
  HAZARDOUS_WASTE_GENERATED_T("hazardous_waste_generated_t", Units.T, WASTE, SMALLER),
  HAZARDOUS_WASTE_UTILIZED_T("hazardous_waste_utilized_t", Units.T, WASTE, BIGGER),
  HAZARDOUS_WASTE_DISPOSED_T("hazardous_waste_disposed_t", Units.T, WASTE, SMALLER),
  HAZARDOUS_WASTE_TO_HANDLERS_T("hazardous_waste_to_handlers_t", Units.T, WASTE, SMALLER),
  HAZARDOUS_WASTE_STORED_T("hazardous_waste_stored_t", Units.T, WASTE, SMALLER),
  /** Wastes and by-products of both categories passed between two enterprises of the scope (企业间废物交换利用). */
  WASTE_EXCHANGED_T("waste_exchanged_t", Units.T, WASTE, BIGGER),

  WATER_REUSE_RATE("water_reuse_rate", Units.PERCENT, DERIVED, BIGGER),
  /** solid_waste_utilized_t ÷ solid_waste_generated_t × 100 (工业固体废物综合利用率). */
  SOLID_WASTE_UTILIZATION_RATE("solid_waste_utilization_rate", Units.PERCENT, DERIVED, BIGGER),
  ENERGY_OUTPUT_RATE("energy_output_rate", Units.TEN_K_CNY_PER_TCE, DERIVED, BIGGER),
  ENERGY_INTENSITY("energy_intensity", Units.TCE_PER_TEN_K_CNY, DERIVED, SMALLER),
  WATER_OUTPUT_RATE("water_output_rate", Units.CNY_PER_M3, DERIVED, BIGGER),
  RESOURCE_OUTPUT_RATE("resource_output_rate", Units.CNY_PER_T, DERIVED, BIGGER),
  /** Park and above, year and r12m only: it needs the land area. */
  LAND_OUTPUT_RATE("land_output_rate", Units.HUNDRED_M_CNY_PER_KM2, DERIVED, BIGGER),
  COD_INTENSITY("cod_intensity", Units.KG_PER_TEN_K_CNY, DERIVED, SMALLER),
  NH3N_INTENSITY("nh3n_intensity", Units.KG_PER_TEN_K_CNY, DERIVED, SMALLER),
  SO2_INTENSITY("so2_intensity", Units.KG_PER_TEN_K_CNY, DERIVED, SMALLER),
  NOX_INTENSITY("nox_intensity", Units.KG_PER_TEN_K_CNY, DERIVED, SMALLER),
  PM_INTENSITY("pm_intensity", Units.KG_PER_TEN_K_CNY, DERIVED, SMALLER);

  /** Where an indicator's values come from. */
  public enum Kind {
    /** Meters' consumption of a medium, and its standard coal. */
    CONSUMPTION,
    /** Flows through transfer meters between enterprises and out of a scope. */
    LINK,
    /** The enterprises' monthly statistics. */
    STATISTIC,
    /** Pollutant loads discharged through outlets. */
    LOAD,
    /** Solid and hazardous waste reports. */
    WASTE,
    /** Computed from the other indicators of the same scope and period. */
    DERIVED
  }

  /** Which way an indicator improves (SPEC "Acceptance and provincial progress"). */
  public enum Better { BIGGER, SMALLER }

  /** Discharged load per HJ 212-2017 pollutant factor. */
  private static final Map<String, Indicator> LOAD_BY_FACTOR = Map.of(
      "w01018", COD_KG, "w21003", NH3N_KG, "a21026", SO2_KG, "a21002", NOX_KG, "a34013", PM_KG);

  /** Each indicator by its code, built once (a HashMap: a null code finds nothing, as a scan would); never changed. */
  private static final Map<String, Indicator> BY_CODE =
      Arrays.stream(values()).collect(Collectors.toMap(Indicator::code, Function.identity()));

  private final String code;
  private final String unit;
  private final Kind kind;
  private final Better better;

  Indicator(String code, String unit, Kind kind, Better better) {
    this.code = code;
    this.unit = unit;
    this.kind = kind;
    this.better = better;
  }

  /** The name in the database, on Kafka and in exports, e.g. {@code energy_tce}. */
  public String code() {
    return code;
  }

  /** The unit its values are in, spelt as in {@link Units}. */
  public String unit() {
    return unit;
  }

  public Kind kind() {
    return kind;
  }

  public boolean isBiggerBetter() {
    return better == BIGGER;
  }

  /** {@code cod_kg} → {@code cod_intensity}: the load per value added. */
  public Indicator intensity() {
    if (kind != LOAD) {
      throw new IllegalStateException(code + " is not a discharged load");
    }
    return of(code.replace("_kg", "_intensity")).orElseThrow();
  }

  /** The discharged load of each HJ 212-2017 pollutant factor: {@code w01018} → {@code cod_kg}, …. */
  public static Map<String, Indicator> loadsByFactor() {
    return LOAD_BY_FACTOR;
  }

  /** {@code steam_t} → {@code steam_t_supplied}: supplied to consumers outside the scope. */
  public static String suppliedOf(String quantity) {
    return quantity + "_supplied";
  }

  /** {@code steam_t} → {@code steam_t_exchanged}: passed between enterprises of the scope. */
  public static String exchangedOf(String quantity) {
    return quantity + "_exchanged";
  }

  /** The catalogued indicator of that name; empty for a link variant of a medium or an unknown name. */
  public static Optional<Indicator> of(String code) {
    return Optional.ofNullable(BY_CODE.get(code));
  }
}
