package io.parkloop.storage.report;

import io.parkloop.storage.table.Column;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chinese and English names of the exported indicators, the order the report shows them in, and
 * how many decimals a statistician wants to see of each unit. An indicator not listed here keeps
 * its exported name in both rows and comes after the listed ones.
 */
final class IndicatorLabels {
  private static final Map<String, String[]> LABELS = new LinkedHashMap<>();

  static {
    label("value_added_10k_cny", "工业增加值", "Value added");
    label("output_value_10k_cny", "工业总产值", "Output value");
    label("energy_tce", "综合能耗", "Energy consumption");
    label("electricity_kwh", "用电量", "Electricity");
    label("natural_gas_m3", "天然气", "Natural gas");
    label("raw_coal_t", "原煤", "Raw coal");
    label("diesel_t", "柴油", "Diesel");
    label("fuel_oil_t", "燃料油", "Fuel oil");
    label("lpg_t", "液化石油气", "LPG");
    label("steam_t", "蒸汽", "Steam");
    label("heat_gj", "热力", "Heat");
    label("material_t", "主要原材料消耗", "Main raw materials");
    label("fresh_water_m3", "新鲜水取水量", "Fresh water intake");
    label("recycled_water_m3", "重复用水量", "Recycled water");
    label("water_reuse_rate", "水重复利用率", "Water reuse rate");
    label("energy_output_rate", "能源产出率", "Energy output rate");
    label("energy_intensity", "单位增加值能耗", "Energy intensity");
    label("water_output_rate", "水资源产出率", "Water output rate");
    label("resource_output_rate", "资源产出率", "Resource output rate");
    label("land_output_rate", "土地产出率", "Land output rate");
    label("cod_kg", "化学需氧量排放量", "COD load");
    label("nh3n_kg", "氨氮排放量", "NH3-N load");
    label("so2_kg", "二氧化硫排放量", "SO2 load");
    label("nox_kg", "氮氧化物排放量", "NOx load");
    label("pm_kg", "颗粒物排放量", "Particulate load");
    label("cod_intensity", "单位增加值化学需氧量排放", "COD intensity");
    label("nh3n_intensity", "单位增加值氨氮排放", "NH3-N intensity");
    label("so2_intensity", "单位增加值二氧化硫排放", "SO2 intensity");
    label("nox_intensity", "单位增加值氮氧化物排放", "NOx intensity");
    label("pm_intensity", "单位增加值颗粒物排放", "Particulate intensity");
  }

  private static final List<String> ORDER = List.copyOf(LABELS.keySet());

  private IndicatorLabels() {}

  private static void label(String indicator, String chinese, String english) {
    LABELS.put(indicator, new String[] {chinese, english});
  }

  /** Listed indicators in their order first, then the others by name. */
  static int compare(String a, String b) {
    int ia = ORDER.indexOf(a);
    int ib = ORDER.indexOf(b);
    if (ia >= 0 && ib >= 0) {
      return Integer.compare(ia, ib);
    }
    return ia >= 0 ? -1 : ib >= 0 ? 1 : a.compareTo(b);
  }

  /** A column named like the export's indicator, labelled {@code 综合能耗 (tce)} / {@code Energy consumption (tce)}. */
  static Column column(String indicator, String unit) {
    String[] labels = LABELS.getOrDefault(indicator, new String[] {indicator, indicator});
    String suffix = " (" + unit + ")";
    return Column.number(indicator, labels[0] + suffix, labels[1] + suffix, numberFormat(unit));
  }

  /** Whole kWh and m³, tonnes to the kilogram, intensities to four decimals. */
  static String numberFormat(String unit) {
    return switch (unit) {
      case "kWh", "m3", "CNY/m3", "CNY/t" -> "#,##0";
      case "tce", "t", "10k CNY/tce", "100M CNY/km2" -> "#,##0.000";
      case "%", "10k CNY", "GJ" -> "#,##0.0";
      case "tce/10k CNY", "kg/10k CNY" -> "0.0000";
      default -> "#,##0.00";
    };
  }
}
