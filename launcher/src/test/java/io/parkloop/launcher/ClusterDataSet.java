package io.parkloop.launcher;

import io.parkloop.reference.Province;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster-shaped test's data set, with its totals worked out here by plain arithmetic, not by
 * the job's code: a day of five cumulative meters in three enterprises of two parks, a reading
 * every ten minutes, each enterprise publishing its own meters.
 */
final class ClusterDataSet {
  static final String REFERENCE_YAML = """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
        - {id: YCEP, name: 盐城环保科技城, city: 盐城, level: provincial, land_area_km2: 50.0}
      enterprises:
        - {id: E1, park: SIP}
        - {id: E2, park: SIP}
        - {id: E3, park: YCEP}
      meters:
        - {id: E1-ELEC, enterprise: E1, medium: electricity, reading: cumulative, unit: kWh}
        - {id: E1-FW, enterprise: E1, medium: fresh_water, reading: cumulative, unit: m3}
        - {id: E2-ELEC, enterprise: E2, medium: electricity, reading: cumulative, unit: kWh}
        - {id: E3-ELEC, enterprise: E3, medium: electricity, reading: cumulative, unit: kWh}
        - {id: E3-FW, enterprise: E3, medium: fresh_water, reading: cumulative, unit: m3}
      """;
  static final LocalDate DAY = LocalDate.of(2026, 3, 2);
  private static final Instant MIDNIGHT = DAY.atStartOfDay(Province.ZONE).toInstant();
  /** 00:00 to 23:50, every ten minutes. */
  static final int STEPS = 24 * 6;
  static final List<String> METERS = List.of("E1-ELEC", "E1-FW", "E2-ELEC", "E3-ELEC", "E3-FW");
  static final List<String> ENTERPRISES = List.of("E1", "E2", "E3");

  /** One MQTT publication, by the enterprise that owns the meter. */
  record Message(String enterprise, String topic, String payload) {}

  /** A scope's day total of one indicator, as the export names them. */
  record Total(String scopeType, String scopeId, String indicator) {}

  private ClusterDataSet() {}

  /** The meter's counter after {@code step} steps: 1,000 × (index + 1), then 20 to 28 units a step, changing by the hour. */
  static long counter(int meterIndex, int step) {
    long value = 1_000L * (meterIndex + 1);
    for (int i = 1; i <= step; i++) {
      value += 20 + (i / 6 + 3 * meterIndex) % 9;
    }
    return value;
  }

  /** Every reading in time order, all meters at each step. */
  static List<Message> messages() {
    List<Message> messages = new ArrayList<>();
    for (int step = 0; step < STEPS; step++) {
      for (int m = 0; m < METERS.size(); m++) {
        String meter = METERS.get(m);
        String enterprise = meter.substring(0, meter.indexOf('-'));
        String payload = String.format(Locale.ROOT, "{\"meter\": \"%s\", \"ts\": \"%s\", \"value\": %d}", meter,
            OffsetDateTime.ofInstant(MIDNIGHT.plusSeconds(600L * step), Province.ZONE), counter(m, step));
        messages.add(new Message(enterprise, "parkloop/v1/readings/" + enterprise + "/" + meter, payload));
      }
    }
    return messages;
  }

  /**
   * The day's totals: each meter's last reading minus its first, summed per enterprise and per
   * park (SIP holds E1 and E2, YCEP holds E3) for electricity and fresh water.
   */
  static Map<Total, Long> dayTotals() {
    Map<Total, Long> totals = new TreeMap<>(java.util.Comparator.comparing(Total::scopeType)
        .thenComparing(Total::scopeId).thenComparing(Total::indicator));
    for (int m = 0; m < METERS.size(); m++) {
      String meter = METERS.get(m);
      String enterprise = meter.substring(0, meter.indexOf('-'));
      String park = enterprise.equals("E3") ? "YCEP" : "SIP";
      String indicator = meter.endsWith("-ELEC") ? "electricity_kwh" : "fresh_water_m3";
      long day = counter(m, STEPS - 1) - counter(m, 0);
      totals.merge(new Total("enterprise", enterprise, indicator), day, Long::sum);
      totals.merge(new Total("park", park, indicator), day, Long::sum);
    }
    return totals;
  }
}
