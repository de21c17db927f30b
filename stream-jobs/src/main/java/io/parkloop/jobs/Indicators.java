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
