package io.parkloop.jobs;

import java.util.Map;

/** Names and units of the exported indicators that are not a medium's consumption (SPEC "Indicators"). */
public final class Indicators {
  public static final String ENERGY_TCE = "energy_tce";
  public static final String FRESH_WATER = "fresh_water_m3";
  public static final String RECYCLED_WATER = "recycled_water_m3";
  public static final String VALUE_ADDED = "value_added_10k_cny";
  public static final String OUTPUT_VALUE = "output_value_10k_cny";
  public static final String MATERIAL = "material_t";
  /** Energy a scope's enterprises supplied through transfer meters to consumers outside the scope. */
  public static final String ENERGY_TCE_SUPPLIED = suppliedOf(ENERGY_TCE);
  /** Energy passed between two enterprises of the scope: counted in the consumer's use, taken out of the scope's. */
  public static final String ENERGY_TCE_EXCHANGED = exchangedOf(ENERGY_TCE);
  /** energy_tce − energy_tce_supplied: what the scope used for itself. */
  public static final String ENERGY_TCE_NET = ENERGY_TCE + "_net";

  /** General industrial solid waste (一般工业固体废物), tonnes; docs/indicators.md "Solid waste and by-products". */
  public static final String SOLID_WASTE_GENERATED = "solid_waste_generated_t";
  /** Utilised in-house or passed to another enterprise for use (综合利用量). */
  public static final String SOLID_WASTE_UTILIZED = "solid_waste_utilized_t";
  public static final String SOLID_WASTE_DISPOSED = "solid_waste_disposed_t";
  public static final String SOLID_WASTE_STORED = "solid_waste_stored_t";
  /** Handed over to outside licensed handlers. */
  public static final String SOLID_WASTE_TO_HANDLERS = "solid_waste_to_handlers_t";
  /** solid_waste_utilized_t ÷ solid_waste_generated_t × 100 (工业固体废物综合利用率). */
  public static final String SOLID_WASTE_UTILIZATION_RATE = "solid_waste_utilization_rate";
  /** Hazardous waste (危险废物), tonnes, every HW class together. */
  public static final String HAZARDOUS_WASTE_GENERATED = "hazardous_waste_generated_t";
  public static final String HAZARDOUS_WASTE_UTILIZED = "hazardous_waste_utilized_t";
  public static final String HAZARDOUS_WASTE_DISPOSED = "hazardous_waste_disposed_t";
  public static final String HAZARDOUS_WASTE_TO_HANDLERS = "hazardous_waste_to_handlers_t";
  public static final String HAZARDOUS_WASTE_STORED = "hazardous_waste_stored_t";
  /** Wastes and by-products of both categories passed between two enterprises of the scope (企业间废物交换利用). */
  public static final String WASTE_EXCHANGED = "waste_exchanged_t";

  /** Discharged load per HJ 212-2017 pollutant factor, in kg. */
  public static final Map<String, String> LOAD_BY_FACTOR = Map.of(
      "w01018", "cod_kg", "w21003", "nh3n_kg", "a21026", "so2_kg", "a21002", "nox_kg", "a34013", "pm_kg");

  private Indicators() {}

  /** {@code steam_t} → {@code steam_t_supplied}: supplied to consumers outside the scope. */
  public static String suppliedOf(String quantity) {
    return quantity + "_supplied";
  }

  /** {@code steam_t} → {@code steam_t_exchanged}: passed between enterprises of the scope. */
  public static String exchangedOf(String quantity) {
    return quantity + "_exchanged";
  }

  /** {@code cod_kg} → {@code cod_intensity}. */
  public static String intensityOf(String load) {
    return load.replace("_kg", "_intensity");
  }
}
