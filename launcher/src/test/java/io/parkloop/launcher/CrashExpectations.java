package io.parkloop.launcher;

import io.parkloop.reference.Province;
import io.parkloop.readside.IndicatorExport;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The export the crash data set must end in, every row family of it, computed from the
 * generator's counters and the SPEC's definitions with none of the job's code: each five-minute
 * step's counter difference is consumption inside one hour (the steps start on the hour); a
 * meter's first reading opens it with zero consumption in the hour its interval ends in (the hour
 * before midnight); quantities are summed over the enterprise's park, city, region, level and
 * the province, and over days, months, quarters and years; rolling windows sum the last 24 hours,
 * 30 days or 12 months, one row per period end from the first to the newest; the water reuse rate
 * is recycled ÷ (fresh + recycled) × 100 of the summed quantities, where any water was used.
 */
final class CrashExpectations {
  private static final ZoneId SHANGHAI = Province.ZONE;
  private static final String PROVINCE = Province.NAME;
  /** Standard-coal factors of GB/T 2589-2020, tce per canonical unit (kWh, m³). */
  private static final double TCE_PER_KWH = 0.1229 / 1000;
  private static final double TCE_PER_M3_GAS = 1.2143 / 1000;
  /** The SPEC keeps each meter-hour's part in whole millionths: its energy may be off by half of one. */
  private static final double TCE_ROUNDING_PER_PART = 0.5e-6;

  /** One meter of the data set: its index in the generator, what it measures and where it sits. */
  private record MeterOf(int index, String enterprise, String indicator, String unit, double tcePerUnit) {}

  private static final List<MeterOf> METERS = List.of(
      new MeterOf(0, "E1", "electricity_kwh", "kWh", TCE_PER_KWH),
      new MeterOf(1, "E1", "fresh_water_m3", "m3", 0),
      new MeterOf(2, "E2", "electricity_kwh", "kWh", TCE_PER_KWH),
      new MeterOf(3, "E2", "natural_gas_m3", "m3", TCE_PER_M3_GAS),
      new MeterOf(4, "E3", "electricity_kwh", "kWh", TCE_PER_KWH),
      new MeterOf(5, "E3", "recycled_water_m3", "m3", 0));

  /** Scope type and id of every scope an enterprise counts in, from the reference of {@link CrashDataSet}. */
  private static final Map<String, List<String>> SCOPES = Map.of(
      "E1", List.of("enterprise,E1", "park,SIP", "city,苏州", "region,苏南", "level,national", "province," + PROVINCE),
      "E2", List.of("enterprise,E2", "park,SIP", "city,苏州", "region,苏南", "level,national", "province," + PROVINCE),
      "E3", List.of("enterprise,E3", "park,YCEP", "city,盐城", "region,苏北", "level,provincial",
          "province," + PROVINCE));

  private static final List<String> CALENDAR = List.of("hour", "day", "month", "quarter", "year");

  /** A row the export must hold: its value, its unit, and how far the value may be off by rounding. */
  record ExpectedRow(double value, String unit, double tolerance) {}

  private CrashExpectations() {}

  /** Key ({@code scope_type,scope_id,period_type,period_start,indicator}) to the row. */
  static Map<String, ExpectedRow> export() {
    Map<String, Sum> sums = new TreeMap<>();
    for (MeterOf meter : METERS) {
      hourly(meter.index()).forEach((hour, quantity) -> {
        for (String scope : SCOPES.get(meter.enterprise())) {
          for (String period : CALENDAR) {
            Instant start = start(period, hour);
            add(sums, scope, period, start, meter.indicator(), meter.unit(), quantity, 0);
            if (meter.tcePerUnit() > 0) {
              add(sums, scope, period, start, "energy_tce", "tce", quantity * meter.tcePerUnit(), 1);
            }
          }
        }
      });
    }
    addRolling(sums);
    addWaterReuseRates(sums);
    Map<String, ExpectedRow> rows = new TreeMap<>();
    sums.forEach((key, sum) -> rows.put(key, new ExpectedRow(sum.value, sum.unit, sum.parts * TCE_ROUNDING_PER_PART)));
    return rows;
  }

  /**
   * What is wrong with {@code exported} (CSV lines of {@code parkloop export}) against the
   * expectation: missing, unexpected and doubled rows, and values off; empty when equal.
   */
  static List<String> differences(Map<String, ExpectedRow> expected, List<String> exported) {
    List<String> wrong = new ArrayList<>();
    TreeSet<String> seen = new TreeSet<>();
    for (String line : exported) {
      String[] field = line.split(",");
      String key = String.join(",", field[0], field[1], field[2], field[3], field[4]);
      ExpectedRow row = expected.get(key);
      if (!seen.add(key)) {
        wrong.add("doubled: " + line);
      } else if (row == null) {
        wrong.add("unexpected: " + line);
      } else if (!valueMatches(row, field[5]) || !row.unit().equals(field[6])) {
        wrong.add("wrong: " + line + ", expected " + IndicatorExport.number(row.value()) + " " + row.unit());
      }
    }
    expected.keySet().stream().filter(key -> !seen.contains(key)).forEach(key -> wrong.add("missing: " + key));
    return wrong;
  }

  private static boolean valueMatches(ExpectedRow row, String exported) {
    if (row.tolerance() == 0) {
      return exported.equals(IndicatorExport.number(row.value()));
    }
    return Math.abs(Double.parseDouble(exported) - row.value()) <= row.tolerance() + 1e-12;
  }

  /** The meter's consumption per hour start, from the generator's counters. */
  private static Map<Instant, Double> hourly(int meterIndex) {
    Map<Instant, Double> byHour = new TreeMap<>();
    Instant midnight = CrashDataSet.DAY.atStartOfDay(SHANGHAI).toInstant();
    byHour.put(midnight.minus(Duration.ofHours(1)), 0.0);
    for (int step = 1; step < CrashDataSet.STEPS; step++) {
      Instant hour = midnight.plus(Duration.ofHours((step - 1) / 12));
      long used = CrashDataSet.counter(meterIndex, step) - CrashDataSet.counter(meterIndex, step - 1);
      byHour.merge(hour, (double) used, Double::sum);
    }
    return byHour;
  }

  /** The windows r24h, r30d and r12m over the hour, day and month rows already summed. */
  private static void addRolling(Map<String, Sum> sums) {
    Map<String, Sum> rolling = new TreeMap<>();
    Map<String, String> windows = Map.of("hour", "r24h", "day", "r30d", "month", "r12m");
    Map<String, Integer> lengths = Map.of("hour", 24, "day", 30, "month", 12);
    Map<String, Instant> newest = newestStarts(sums);
    sums.forEach((key, sum) -> {
      String[] field = key.split(",");
      String period = field[2];
      if (windows.containsKey(period)) {
        Instant start = OffsetDateTime.parse(field[3]).toInstant();
        Instant lastEnd = end(period, newest.get(seriesOf(field)));
        // this period is in the windows ending with it and with each of the next length - 1 periods
        Instant end = end(period, start);
        for (int i = 0; i < lengths.get(period) && !end.isAfter(lastEnd); i++) {
          add(rolling, field[0] + "," + field[1], windows.get(period), end, field[4], sum.unit, sum.value, sum.parts);
          end = end(period, end);
        }
      }
    });
    sums.putAll(rolling);
  }

  /** The newest period start of each scope, period type and indicator. */
  private static Map<String, Instant> newestStarts(Map<String, Sum> sums) {
    Map<String, Instant> newest = new TreeMap<>();
    for (String key : sums.keySet()) {
      String[] field = key.split(",");
      newest.merge(seriesOf(field), OffsetDateTime.parse(field[3]).toInstant(),
          (a, b) -> a.isAfter(b) ? a : b);
    }
    return newest;
  }

  /** Scope type, scope id, period type and indicator of a row's key fields. */
  private static String seriesOf(String[] field) {
    return String.join(",", field[0], field[1], field[2], field[4]);
  }

  private static void addWaterReuseRates(Map<String, Sum> sums) {
    Map<String, Sum> rates = new TreeMap<>();
    TreeSet<String> scopePeriods = new TreeSet<>();
    sums.keySet().forEach(key -> scopePeriods.add(key.substring(0, key.lastIndexOf(','))));
    for (String scopePeriod : scopePeriods) {
      double fresh = valueOf(sums, scopePeriod + ",fresh_water_m3");
      double recycled = valueOf(sums, scopePeriod + ",recycled_water_m3");
      if (fresh + recycled > 0) {
        Sum rate = new Sum("%");
        rate.value = recycled / (fresh + recycled) * 100;
        rates.put(scopePeriod + ",water_reuse_rate", rate);
      }
    }
    sums.putAll(rates);
  }

  private static double valueOf(Map<String, Sum> sums, String key) {
    Sum sum = sums.get(key);
    return sum == null ? 0 : sum.value;
  }

  private static void add(Map<String, Sum> sums, String scope, String period, Instant start, String indicator,
      String unit, double value, int roundedParts) {
    Sum sum = sums.computeIfAbsent(scope + "," + period + "," + format(start) + "," + indicator, key -> new Sum(unit));
    sum.value += value;
    sum.parts += roundedParts;
  }

  private static Instant start(String period, Instant instant) {
    ZonedDateTime t = instant.atZone(SHANGHAI);
    ZonedDateTime day = t.truncatedTo(ChronoUnit.DAYS);
    return (switch (period) {
      case "hour" -> t.truncatedTo(ChronoUnit.HOURS);
      case "day" -> day;
      case "month" -> day.withDayOfMonth(1);
      case "quarter" -> day.withDayOfMonth(1).withMonth((t.getMonthValue() - 1) / 3 * 3 + 1);
      default -> day.withDayOfYear(1);
    }).toInstant();
  }

  private static Instant end(String period, Instant start) {
    ZonedDateTime t = start.atZone(SHANGHAI);
    return (switch (period) {
      case "hour" -> t.plusHours(1);
      case "day" -> t.plusDays(1);
      default -> t.plusMonths(1);
    }).toInstant();
  }

  private static String format(Instant instant) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(instant, Province.ZONE));
  }

  /** A quantity being summed, and how many rounded meter-hour parts of energy went into it. */
  private static final class Sum {
    final String unit;
    double value;
    int parts;

    Sum(String unit) {
      this.unit = unit;
    }
  }
}
