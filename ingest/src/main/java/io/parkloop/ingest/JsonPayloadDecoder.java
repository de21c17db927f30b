package io.parkloop.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.parkloop.avro.RawReading;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes an MQTT reading payload (SPEC "Readings over MQTT"): one JSON object or an array of
 * them. Each element becomes a {@link RawReading} or a {@link Rejection}; one bad element never
 * spoils its neighbours in a gateway batch.
 */
public final class JsonPayloadDecoder {
  // NaN and Infinity are not JSON, but devices send them: parse them so they are rejected as
  // non-finite values rather than as broken JSON.
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private JsonPayloadDecoder() {}

  public static List<Decoded> decode(byte[] payload, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      return List.of(new Decoded.Rejected(Rejection.of(Rejection.MALFORMED_JSON, e.getOriginalMessage())));
    } catch (IOException e) {
      return List.of(new Decoded.Rejected(Rejection.of(Rejection.MALFORMED_JSON, e.getMessage())));
    }
    if (root == null || root.isMissingNode()) {
      return List.of(new Decoded.Rejected(Rejection.of(Rejection.MALFORMED_JSON, "empty payload")));
    }
    if (root.isObject()) {
      return List.of(element(root, null, source));
    }
    if (root.isArray() && !root.isEmpty()) {
      List<Decoded> elements = new ArrayList<>(root.size());
      for (int i = 0; i < root.size(); i++) {
        elements.add(element(root.get(i), i, source));
      }
      return elements;
    }
    return List.of(new Decoded.Rejected(Rejection.of(Rejection.MALFORMED_JSON,
        "expected a reading object or a non-empty array of them")));
  }

  private static Decoded element(JsonNode node, Integer index, String source) {
    try {
      return new Decoded.Accepted(reading(node, source), index);
    } catch (RejectedElement e) {
      return new Decoded.Rejected(index == null ? e.rejection : e.rejection.at(index));
    }
  }

  private static RawReading reading(JsonNode node, String source) {
    if (!node.isObject()) {
      throw reject(Rejection.MALFORMED_JSON, "an element is not a JSON object");
    }
    JsonNode meter = node.get("meter");
    if (meter == null || !meter.isTextual() || meter.asText().isBlank()) {
      throw reject(Rejection.MISSING_FIELD, "'meter' is required and must be a string");
    }
    JsonNode unit = node.get("unit");
    if (unit != null && !unit.isNull() && !unit.isTextual()) {
      throw reject(Rejection.UNCONVERTIBLE_UNIT, "'unit' must be a string");
    }
    return RawReading.newBuilder()
        .setMeter(meter.asText())
        .setTs(timestamp(node.get("ts")))
        .setValue(value(node.get("value")))
        .setUnit(unit == null || unit.isNull() ? null : unit.asText())
        .setSource(source)
        .build();
  }

  /** ISO-8601 with an offset, or epoch milliseconds as a number. */
  static Instant timestamp(JsonNode ts) {
    if (ts == null || ts.isNull()) {
      throw reject(Rejection.MISSING_FIELD, "'ts' is required");
    }
    if (ts.isIntegralNumber()) {
      return Instant.ofEpochMilli(ts.asLong());
    }
    if (ts.isTextual()) {
      try {
        return OffsetDateTime.parse(ts.asText()).toInstant();
      } catch (DateTimeParseException e) {
        throw reject(Rejection.BAD_TIMESTAMP, "'" + ts.asText() + "' is not ISO-8601 with an offset");
      }
    }
    throw reject(Rejection.BAD_TIMESTAMP, "'ts' must be an ISO-8601 string or epoch milliseconds");
  }

  static double value(JsonNode value) {
    if (value == null || value.isNull()) {
      throw reject(Rejection.MISSING_FIELD, "'value' is required");
    }
    if (!value.isNumber()) {
      throw reject(Rejection.BAD_VALUE, "'value' must be a number, got " + value);
    }
    double number = value.asDouble();
    if (!Double.isFinite(number)) {
      throw reject(Rejection.NON_FINITE_VALUE, "'value' is " + value.asText());
    }
    return number;
  }

  private static RejectedElement reject(String reason, String detail) {
    return new RejectedElement(Rejection.of(reason, detail));
  }

  /** Unwinds out of one element's decoding; cheap because it carries no stack trace. */
  private static final class RejectedElement extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Rejection rejection;

    RejectedElement(Rejection rejection) {
      super(rejection.detail(), null, false, false);
      this.rejection = rejection;
    }
  }
}
