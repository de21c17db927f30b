package io.parkloop.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A reading for the bridge tests: its JSON payload and the key (meter, ts) it has on Kafka. */
record TestReading(String meter, long epochMillis, double value) {
  /** A month back, so that a series of days still ends before its arrival (no future_timestamp). */
  private static final long FIRST_TS =
      Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS).toEpochMilli();
  private static final long STEP_MILLIS = 10_000;

  /** {@code count} distinct readings: the meters in turn, each reporting every 10 s. */
  static List<TestReading> series(List<String> meters, int count) {
    List<TestReading> readings = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long slot = i / meters.size();
      readings.add(new TestReading(meters.get(i % meters.size()), FIRST_TS + slot * STEP_MILLIS, slot));
    }
    return readings;
  }

  static Set<String> keys(List<TestReading> readings) {
    return readings.stream().map(TestReading::key).collect(Collectors.toSet());
  }

  /** How a reading on Kafka is told apart: the SPEC counts a second (meter, ts) as a duplicate. */
  static String key(String meter, Instant ts) {
    return meter + "@" + ts.toEpochMilli();
  }

  String key() {
    return key(meter, Instant.ofEpochMilli(epochMillis));
  }

  /** One line, as {@code mosquitto_pub -l} sends it. */
  String json() {
    return "{\"meter\":\"" + meter + "\",\"ts\":" + epochMillis + ",\"value\":" + value + "}";
  }
}
