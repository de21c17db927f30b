package io.parkloop.launcher;

import io.parkloop.reference.Province;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The crash suite's data set: a day of six meters in three enterprises and two parks, a reading
 * every five minutes, published in time order as MQTT messages, with five bad inputs among them
 * (one of each kind of refusal the bridge makes) that must end on the dead-letter topic once
 * each. The counters' steps vary, so every hour's rows differ.
 */
final class CrashDataSet {
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
        - {id: E2-GAS, enterprise: E2, medium: natural_gas, reading: cumulative, unit: m3}
        - {id: E3-ELEC, enterprise: E3, medium: electricity, reading: cumulative, unit: kWh}
        - {id: E3-RW, enterprise: E3, medium: recycled_water, reading: cumulative, unit: m3}
      """;
  static final ReferenceData REFERENCE = ReferenceLoader.parse("crash-it.yaml", REFERENCE_YAML);
  private static final ZoneId SHANGHAI = Province.ZONE;
  static final LocalDate DAY = LocalDate.of(2026, 3, 1);
  private static final Instant MIDNIGHT = DAY.atStartOfDay(SHANGHAI).toInstant();
  /** 00:00 to 23:55 every five minutes. */
  static final int STEPS = 24 * 12;
  private static final List<String> METERS = List.of("E1-ELEC", "E1-FW", "E2-ELEC", "E2-GAS", "E3-ELEC", "E3-RW");

  /** One MQTT publication. */
  record Message(String topic, String payload) {}

  /** What the dead-letter topic must hold for a bad input: its reason, its source and its raw payload. */
  record DeadLetterKey(String reason, String source, String payload) {}

  private CrashDataSet() {}

  /** The meter's counter after {@code step} five-minute steps: it gains 10 to 16 units a step, changing each hour. */
  static long counter(int meterIndex, int step) {
    long value = 1_000L * (meterIndex + 1);
    for (int i = 1; i <= step; i++) {
      value += 10 + (i / 12 + meterIndex) % 7;
    }
    return value;
  }

  static List<Message> messages() {
    List<Message> messages = new ArrayList<>();
    for (int step = 0; step < STEPS; step++) {
      for (int m = 0; m < METERS.size(); m++) {
        String meter = METERS.get(m);
        messages.add(new Message(topic(meter), reading(meter, at(step), Long.toString(counter(m, step)), "")));
      }
    }
    List<Message> bad = badInputs();
    for (int i = 0; i < bad.size(); i++) {
      // spread over the stream, so crashes happen before, between and after them
      messages.add((i + 1) * messages.size() / (bad.size() + 1), bad.get(i));
    }
    return messages;
  }

  /**
   * What the {@code reading} table must hold, as {@link ChainOutput#readingRows} gives it: every
   * good reading of the generator once, {@code meter ts value}, its unit already canonical.
   */
  static List<String> expectedReadingRows() {
    List<String> rows = new ArrayList<>();
    for (int m = 0; m < METERS.size(); m++) {
      for (int step = 0; step < STEPS; step++) {
        rows.add(METERS.get(m) + " " + at(step) + " " + (double) counter(m, step));
      }
    }
    return rows;
  }

  /** The bad inputs and what each must become on the dead-letter topic. */
  static Map<DeadLetterKey, Message> expectedDeadLetters() {
    Map<DeadLetterKey, Message> expected = new TreeMap<>(
        java.util.Comparator.comparing(DeadLetterKey::reason).thenComparing(DeadLetterKey::payload));
    List<Message> bad = badInputs();
    List<String> reasons = List.of("malformed_json", "unknown_meter", "non_finite_value", "unconvertible_unit",
        "future_timestamp");
    for (int i = 0; i < bad.size(); i++) {
      expected.put(new DeadLetterKey(reasons.get(i), "mqtt:" + bad.get(i).topic(), bad.get(i).payload()), bad.get(i));
    }
    return expected;
  }

  private static List<Message> badInputs() {
    return List.of(
        new Message(topic("E1-ELEC"), "{\"meter\": \"E1-ELEC\", \"ts\": "),
        new Message("parkloop/v1/readings/E1/E1-GONE", reading("E1-GONE", at(30), "5", "")),
        new Message(topic("E2-GAS"), reading("E2-GAS", at(40), "NaN", "")),
        new Message(topic("E1-FW"), reading("E1-FW", at(50), "7", ", \"unit\": \"kWh\"")),
        new Message(topic("E3-ELEC"), reading("E3-ELEC", Instant.parse("2099-01-01T00:00:00Z"), "1", "")));
  }

  private static String topic(String meter) {
    return "parkloop/v1/readings/" + meter.substring(0, meter.indexOf('-')) + "/" + meter;
  }

  private static Instant at(int step) {
    return MIDNIGHT.plus(Duration.ofMinutes(5L * step));
  }

  private static String reading(String meter, Instant ts, String value, String extra) {
    return String.format(Locale.ROOT, "{\"meter\": \"%s\", \"ts\": \"%s\", \"value\": %s%s}", meter,
        OffsetDateTime.ofInstant(ts, Province.ZONE), value, extra);
  }
}
