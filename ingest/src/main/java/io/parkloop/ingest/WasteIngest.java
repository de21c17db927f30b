package io.parkloop.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parkloop.avro.WasteRecord;
import io.parkloop.schemas.AvroCodec;
import io.parkloop.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Solid-waste and by-product records (weighbridge tickets, transfer manifests) into Kafka: from an
 * MQTT payload on {@code parkloop/v1/waste/{enterprise}} (one JSON object or an array of them) or
 * from the lines of a monthly waste CSV. Each valid record goes to {@link Topics#WASTE} keyed by
 * enterprise|id, so the same ticket twice counts once; everything else becomes a dead letter
 * with its reason, the raw payload or line, and where it came from.
 */
public final class WasteIngest {
  public static final String CSV_HEADER = "enterprise,id,date,category,hw_code,flow,to,handler,tonnes";
  private static final String[] COLUMNS = CSV_HEADER.split(",");
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final AvroCodec<WasteRecord> CODEC = AvroCodec.of(WasteRecord.class);

  private final WasteValidator validator;
  private final IngestMetrics metrics;
  private final IngestRecords ingestRecords;
  private final String wasteTopic;

  public WasteIngest(WasteValidator validator, IngestMetrics metrics, IngestTopics topics) {
    this.validator = validator;
    this.metrics = metrics;
    this.ingestRecords = new IngestRecords(topics);
    this.wasteTopic = topics.waste();
  }

  /** The records of one MQTT message on a waste topic. */
  public List<ProducerRecord<byte[], byte[]>> mqttRecords(String topic, byte[] payload, Instant receivedAt) {
    String source = "mqtt:" + topic;
    metrics.messageIn();
    String enterprise = WasteTopic.enterpriseOf(topic).orElse(null);
    if (enterprise == null) {
      return List.of(deadLetter(Rejection.of(Rejection.BAD_TOPIC,
          "waste records are published to " + WasteTopic.PREFIX + "{enterprise}, not " + topic), source, payload, receivedAt));
    }
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (IOException e) {
      return List.of(deadLetter(Rejection.of(Rejection.MALFORMED_JSON, e.getMessage()), source, payload, receivedAt));
    }
    if (root == null || !(root.isObject() || (root.isArray() && !root.isEmpty()))) {
      return List.of(deadLetter(Rejection.of(Rejection.MALFORMED_JSON,
          "expected a waste record object or a non-empty array of them"), source, payload, receivedAt));
    }
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < (root.isArray() ? root.size() : 1); i++) {
      JsonNode element = root.isArray() ? root.get(i) : root;
      Integer index = root.isArray() ? i : null;
      records.add(record(element, enterprise, source, payload, index, receivedAt));
    }
    return records;
  }

  /**
   * The records of a monthly waste CSV with the header {@link #CSV_HEADER}; each line is checked on
   * its own, a bad one dead-lettered with the source {@code file:<name>:<line>}.
   *
   * @throws IllegalArgumentException when the header is not the contract's, naming the file
   */
  public List<ProducerRecord<byte[], byte[]>> csvRecords(String fileName, String text, Instant receivedAt) {
    String[] lines = text.replace("\uFEFF", "").split("\r?\n", -1);
    if (!lines[0].trim().equals(CSV_HEADER)) {
      throw new IllegalArgumentException(fileName + ":1: expected the header '" + CSV_HEADER + "'");
    }
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String source = "file:" + fileName + ":" + (i + 1);
      byte[] raw = lines[i].getBytes(StandardCharsets.UTF_8);
      metrics.messageIn();
      String[] cells = lines[i].split(",", -1);
      if (cells.length != COLUMNS.length) {
        records.add(deadLetter(Rejection.of(Rejection.MALFORMED_CSV,
            "expected " + COLUMNS.length + " cells (" + CSV_HEADER + "), found " + cells.length), source, raw, receivedAt));
        continue;
      }
      records.add(record(row(cells), null, source, raw, null, receivedAt));
    }
    return records;
  }

  /** A CSV line as the JSON object of the MQTT contract: empty cells absent, tonnes a number when it is one. */
  private static ObjectNode row(String[] cells) {
    ObjectNode node = JSON.createObjectNode();
    for (int c = 0; c < COLUMNS.length; c++) {
      String cell = cells[c].trim();
      if (cell.isEmpty()) {
        continue;
      }
      if (COLUMNS[c].equals("tonnes")) {
        try {
          node.put("tonnes", Double.parseDouble(cell));
        } catch (NumberFormatException e) {
          node.put("tonnes", cell);
        }
      } else {
        node.put(COLUMNS[c], cell);
      }
    }
    return node;
  }

  private ProducerRecord<byte[], byte[]> record(JsonNode element, String topicEnterprise, String source, byte[] raw,
      Integer index, Instant receivedAt) {
    try {
      WasteRecord waste = validator.validate(element, topicEnterprise, source, receivedAt);
      metrics.wasteRecordOut();
      return new ProducerRecord<>(wasteTopic, key(waste), CODEC.encode(waste));
    } catch (WasteValidator.Rejected e) {
      Rejection rejection = index == null ? e.rejection() : e.rejection().at(index);
      return deadLetter(rejection, source, raw, receivedAt);
    }
  }

  public static byte[] key(WasteRecord waste) {
    return (waste.getEnterprise() + '|' + waste.getId()).getBytes(StandardCharsets.UTF_8);
  }

  private ProducerRecord<byte[], byte[]> deadLetter(Rejection rejection, String source, byte[] payload, Instant receivedAt) {
    metrics.deadLetter(rejection.reason());
    return ingestRecords.deadLetter(rejection, source, payload, receivedAt);
  }
}
