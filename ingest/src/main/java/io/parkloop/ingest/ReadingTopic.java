package io.parkloop.ingest;

import java.util.Optional;

/** The MQTT topics of the SPEC: {@code parkloop/v1/readings/{enterprise}/{meter}} and {@code parkloop/v1/hj212/{MN}}. */
public final class ReadingTopic {
  public static final String READINGS_PREFIX = "parkloop/v1/readings/";
  public static final String HJ212_PREFIX = "parkloop/v1/hj212/";
  /** What the bridge subscribes to: every enterprise and meter. */
  public static final String READINGS_FILTER = READINGS_PREFIX + "+/+";
  public static final String HJ212_FILTER = HJ212_PREFIX + "+";

  private ReadingTopic() {}

  public static String of(String enterprise, String meter) {
    return READINGS_PREFIX + enterprise + "/" + meter;
  }

  /** The enterprise segment of a readings topic, or empty when the topic has another shape. */
  public static Optional<String> enterpriseOf(String topic) {
    if (!topic.startsWith(READINGS_PREFIX)) {
      return Optional.empty();
    }
    String[] parts = topic.substring(READINGS_PREFIX.length()).split("/", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(parts[0]);
  }
}
