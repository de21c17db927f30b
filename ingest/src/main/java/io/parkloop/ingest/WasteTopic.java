package io.parkloop.ingest;

import java.util.Optional;

/** The MQTT topic of solid-waste and by-product records: {@code parkloop/v1/waste/{enterprise}}. */
public final class WasteTopic {
  public static final String PREFIX = "parkloop/v1/waste/";
  /** What the bridge subscribes to: every enterprise. */
  public static final String FILTER = PREFIX + "+";

  private WasteTopic() {}

  public static String of(String enterprise) {
    return PREFIX + enterprise;
  }

  /** The enterprise segment of a waste topic, or empty when the topic has another shape. */
  public static Optional<String> enterpriseOf(String topic) {
    if (!topic.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String enterprise = topic.substring(PREFIX.length());
    return enterprise.isEmpty() || enterprise.contains("/") ? Optional.empty() : Optional.of(enterprise);
  }
}
