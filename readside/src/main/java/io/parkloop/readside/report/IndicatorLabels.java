package io.parkloop.readside.report;

import io.parkloop.readside.table.Column;
import io.parkloop.reference.Indicator;
import io.parkloop.reference.Units;
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
    label(Indicator.VALUE_ADDED_10K_CNY, "工业增加值", "Value added");
    label(Indicator.OUTPUT_VALUE_10K_CNY, "工业总产值", "Output value");
    label(Indicator.ENERGY_TCE, "综合能耗", "Energy consumption");
    label(Indicator.ELECTRICITY_KWH, "用电量", "Electricity");
    label(Indicator.NATURAL_GAS_M3, "天然气", "Natural gas");
    label(Indicator.RAW_COAL_T, "原煤", "Raw coal");
    label(Indicator.DIESEL_T, "柴油", "Diesel");
    label(Indicator.FUEL_OIL_T, "燃料油", "Fuel oil");
    label(Indicator.LPG_T, "液化石油气", "LPG");
    label(Indicator.STEAM_T, "蒸汽", "Steam");
    label(Indicator.HEAT_GJ, "热力", "Heat");
    label(Indicator.MATERIAL_T, "主要原材料消耗", "Main raw materials");
    label(Indicator.FRESH_WATER_M3, "新鲜水取水量", "Fresh water intake");
    label(Indicator.RECYCLED_WATER_M3, "重复用水量", "Recycled water");
    label(Indicator.WATER_REUSE_RATE, "水重复利用率", "Water reuse rate");
    label(Indicator.ENERGY_OUTPUT_RATE, "能源产出率", "Energy output rate");
    label(Indicator.ENERGY_INTENSITY, "单位增加值能耗", "Energy intensity");
    label(Indicator.WATER_OUTPUT_RATE, "水资源产出率", "Water output rate");
    label(Indicator.RESOURCE_OUTPUT_RATE, "资源产出率", "Resource output rate");
    label(Indicator.LAND_OUTPUT_RATE, "土地产出率", "Land output rate");
    label(Indicator.COD_KG, "化学需氧量排放量", "COD load");
    label(Indicator.NH3N_KG, "氨氮排放量", "NH3-N load");
    label(Indicator.SO2_KG, "二氧化硫排放量", "SO2 load");
    label(Indicator.NOX_KG, "氮氧化物排放量", "NOx load");
    label(Indicator.PM_KG, "颗粒物排放量", "Particulate load");
    label(Indicator.COD_INTENSITY, "单位增加值化学需氧量排放", "COD intensity");
    label(Indicator.NH3N_INTENSITY, "单位增加值氨氮排放", "NH3-N intensity");
    label(Indicator.SO2_INTENSITY, "单位增加值二氧化硫排放", "SO2 intensity");
    label(Indicator.NOX_INTENSITY, "单位增加值氮氧化物排放", "NOx intensity");
    label(Indicator.PM_INTENSITY, "单位增加值颗粒物排放", "Particulate intensity");
  }

  private static final List<String> ORDER = List.copyOf(LABELS.keySet());

  private IndicatorLabels() {}

  private static void label(Indicator indicator, String chinese, String english) {
    LABELS.put(indicator.code(), new String[] {chinese, english});
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
      case Units.KWH, Units.M3, Units.CNY_PER_M3, Units.CNY_PER_T -> "#,##0";
      case Units.TCE, Units.T, Units.TEN_K_CNY_PER_TCE, Units.HUNDRED_M_CNY_PER_KM2 -> "#,##0.000";
      case Units.PERCENT, Units.TEN_K_CNY, Units.GJ -> "#,##0.0";
      case Units.TCE_PER_TEN_K_CNY, Units.KG_PER_TEN_K_CNY -> "0.0000";
      default -> "#,##0.00";
    };
  }
}
