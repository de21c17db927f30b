package io.parkloop.reference;

import java.util.Map;

/**
 * Unit conversion between the units meters report in. Units of one dimension convert by a
 * factor; for water media a volume converts to a mass at 1 t/m³ (SPEC: m³↔t for water).
 */
public final class Units {
  // Each unit's one spelling on the wire: in indicator rows, exports and the database (SPEC "Indicators").
  public static final String KWH = "kWh";
  public static final String M3 = "m3";
  public static final String T = "t";
  public static final String KG = "kg";
  public static final String MJ = "MJ";
  public static final String GJ = "GJ";
  public static final String TCE = "tce";
  public static final String PERCENT = "%";
  public static final String TEN_K_CNY = "10k CNY";
  public static final String TEN_K_CNY_PER_TCE = "10k CNY/tce";
  public static final String TCE_PER_TEN_K_CNY = "tce/10k CNY";
  public static final String CNY_PER_M3 = "CNY/m3";
  public static final String CNY_PER_T = "CNY/t";
  public static final String HUNDRED_M_CNY_PER_KM2 = "100M CNY/km2";
  public static final String KG_PER_TEN_K_CNY = "kg/10k CNY";

  private enum Dimension { ENERGY, VOLUME, MASS, HEAT }

  private record Unit(Dimension dimension, double toBase) {}

  private static final Map<String, Unit> UNITS = Map.ofEntries(
      Map.entry("wh", new Unit(Dimension.ENERGY, 0.001)),
      Map.entry("kwh", new Unit(Dimension.ENERGY, 1)),
      Map.entry("mwh", new Unit(Dimension.ENERGY, 1_000)),
      Map.entry("gwh", new Unit(Dimension.ENERGY, 1_000_000)),
      Map.entry("l", new Unit(Dimension.VOLUME, 0.001)),
      Map.entry("m3", new Unit(Dimension.VOLUME, 1)),
      Map.entry("m³", new Unit(Dimension.VOLUME, 1)),
      Map.entry("nm3", new Unit(Dimension.VOLUME, 1)),
      Map.entry("nm³", new Unit(Dimension.VOLUME, 1)),
      Map.entry("10km3", new Unit(Dimension.VOLUME, 10_000)),
      Map.entry("g", new Unit(Dimension.MASS, 0.001)),
      Map.entry("kg", new Unit(Dimension.MASS, 1)),
      Map.entry("t", new Unit(Dimension.MASS, 1_000)),
      Map.entry("kt", new Unit(Dimension.MASS, 1_000_000)),
      Map.entry("mj", new Unit(Dimension.HEAT, 1)),
      Map.entry("gj", new Unit(Dimension.HEAT, 1_000)),
      Map.entry("tj", new Unit(Dimension.HEAT, 1_000_000)));

  private Units() {}

  /**
   * Converts {@code value} from one unit to another for a meter of {@code medium}.
   *
   * @throws IllegalArgumentException naming both units when they do not convert
   */
  public static double convert(double value, String from, String to, Medium medium) {
    Unit source = UNITS.get(key(from));
    Unit target = UNITS.get(key(to));
    if (source == null || target == null) {
      throw new IllegalArgumentException("unknown unit '" + (source == null ? from : to) + "'");
    }
    double base = value * source.toBase();
    if (source.dimension() != target.dimension()) {
      base = waterVolumeMass(base, source.dimension(), target.dimension(), medium, from, to);
    }
    return base / target.toBase();
  }

  /** Water: 1 m³ weighs 1 t (1000 kg); nothing else crosses dimensions. */
  private static double waterVolumeMass(double base, Dimension from, Dimension to, Medium medium,
      String fromUnit, String toUnit) {
    boolean water = medium == Medium.FRESH_WATER || medium == Medium.RECYCLED_WATER;
    if (water && from == Dimension.VOLUME && to == Dimension.MASS) {
      return base * 1_000;
    }
    if (water && from == Dimension.MASS && to == Dimension.VOLUME) {
      return base / 1_000;
    }
    throw new IllegalArgumentException("'" + fromUnit + "' does not convert to '" + toUnit + "'"
        + (medium == null ? "" : " for " + medium.id()));
  }

  private static String key(String unit) {
    return unit == null ? "" : unit.trim().toLowerCase(java.util.Locale.ROOT).replace(" ", "");
  }
}
