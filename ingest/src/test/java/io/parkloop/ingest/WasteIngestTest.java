package io.parkloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkloop.avro.DeadLetter;
import io.parkloop.avro.WasteRecord;
import io.parkloop.ingest.hj212.Hj212Decoder;
import io.parkloop.schemas.AvroCodec;
import io.parkloop.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Waste records over MQTT ({@code parkloop/v1/waste/{enterprise}}) and from the monthly CSV. */
class WasteIngestTest {
  private static final Instant ARRIVAL = Instant.parse("2026-03-20T02:00:00Z");
  private static final String TOPIC = "parkloop/v1/waste/E001";
  private final IngestMetrics metrics = new IngestMetrics();
  private final MqttMessageIngest mqtt = new MqttMessageIngest(
      new ReadingValidator(() -> TestReference.DATA, Duration.ofMinutes(5)),
      new Hj212Ingest(() -> TestReference.DATA, new Hj212Decoder(), metrics), metrics);
  private final WasteIngest files = new WasteIngest(new WasteValidator(() -> TestReference.DATA), metrics,
      IngestTopics.DEFAULT);

  private List<ProducerRecord<byte[], byte[]>> publish(String topic, String payload) {
    return mqtt.toRecords(topic, payload.getBytes(StandardCharsets.UTF_8), ARRIVAL);
  }

  private static WasteRecord waste(ProducerRecord<byte[], byte[]> record) throws IOException {
    assertThat(record.topic()).isEqualTo(Topics.WASTE);
    return AvroCodec.of(WasteRecord.class).decode(record.value());
  }

  private static DeadLetter deadLetter(ProducerRecord<byte[], byte[]> record) throws IOException {
    assertThat(record.topic()).as("a dead letter, not a waste record").isEqualTo(Topics.DEAD_LETTERS);
    return AvroCodec.of(DeadLetter.class).decode(record.value());
  }

  private String reasonOf(String payload) throws IOException {
    List<ProducerRecord<byte[], byte[]>> records = publish(TOPIC, payload);
    assertThat(records).hasSize(1);
    return deadLetter(records.get(0)).getReason();
  }

  @Test
  void aWeighbridgeTicketBecomesAWasteRecordKeyedByEnterpriseAndId() throws IOException {
    List<ProducerRecord<byte[], byte[]>> records = publish(TOPIC, """
        {"id": "WB-0042", "date": "2026-03-12", "category": "hazardous", "hw_code": "HW08",
         "flow": "transferred", "handler": "苏州危废处置有限公司 JS0500OOD001", "tonnes": 12.5}""");

    assertThat(records).hasSize(1);
    WasteRecord waste = waste(records.get(0));
    assertThat(waste.getEnterprise()).isEqualTo("E001");
    assertThat(waste.getMonth()).isEqualTo("2026-03");
    assertThat(waste.getDate()).isEqualTo("2026-03-12");
    assertThat(waste.getHwCode()).isEqualTo("HW08");
    assertThat(waste.getFlow()).isEqualTo("transferred");
    assertThat(waste.getHandler()).startsWith("苏州危废处置");
    assertThat(waste.getTonnes()).isEqualTo(12.5);
    assertThat(waste.getSource()).isEqualTo("mqtt:" + TOPIC);
    assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("E001|WB-0042");
    assertThat(metrics.wasteRecordsOut()).isEqualTo(1);
  }

  @Test
  void oneBadTicketOfAnArrayIsDeadLetteredWithItsIndexTheOthersPass() throws IOException {
    List<ProducerRecord<byte[], byte[]>> records = publish(TOPIC, """
        [{"id": "T1", "date": "2026-03-01", "category": "general", "flow": "generated", "tonnes": 40},
         {"id": "T2", "date": "2026-03-01", "category": "general", "flow": "transferred", "to": "E009", "tonnes": 5},
         {"id": "T3", "date": "2026-03", "category": "general", "flow": "transferred", "to": "E002", "tonnes": 30}]""");

    assertThat(records).hasSize(3);
    assertThat(waste(records.get(0)).getTonnes()).isEqualTo(40.0);
    DeadLetter letter = deadLetter(records.get(1));
    assertThat(letter.getReason()).isEqualTo("unknown_enterprise");
    assertThat(letter.getDetail()).isEqualTo("receiving enterprise 'E009' is not in the reference data");
    assertThat(letter.getElement()).isEqualTo(1);
    assertThat(waste(records.get(2)).getToEnterprise()).isEqualTo("E002");
    assertThat(waste(records.get(2)).getDate()).isNull();
    assertThat(metrics.deadLettersByReason()).containsEntry("unknown_enterprise", 1L);
  }

  @Test
  void everyBrokenRuleHasItsReason() throws IOException {
    String ok = "\"id\": \"T\", \"date\": \"2026-03-02\", \"flow\": \"generated\", \"tonnes\": 1";
    assertThat(reasonOf("{\"id\": \"T\", ")).isEqualTo("malformed_json");
    assertThat(reasonOf("{" + ok + "}")).isEqualTo("missing_field"); // no category
    assertThat(reasonOf("{" + ok + ", \"category\": \"hazardous\"}")).isEqualTo("missing_field"); // no HW code
    assertThat(reasonOf("{" + ok + ", \"category\": \"hazardous\", \"hw_code\": \"HW51\"}")).isEqualTo("bad_value");
    assertThat(reasonOf("{" + ok + ", \"category\": \"general\", \"hw_code\": \"HW08\"}")).isEqualTo("bad_value");
    assertThat(reasonOf("{" + ok + ", \"category\": \"scrap\"}")).isEqualTo("bad_value");
    assertThat(reasonOf("{" + ok.replace("1", "NaN") + ", \"category\": \"general\"}")).isEqualTo("non_finite_value");
    assertThat(reasonOf("{" + ok.replace("\"tonnes\": 1", "\"tonnes\": -1") + ", \"category\": \"general\"}"))
        .isEqualTo("bad_value");
    assertThat(reasonOf("{" + ok.replace("2026-03-02", "2026-13-02") + ", \"category\": \"general\"}"))
        .isEqualTo("bad_timestamp");
    assertThat(reasonOf("{" + ok.replace("2026-03-02", "2026-04-02") + ", \"category\": \"general\"}"))
        .isEqualTo("future_timestamp");
    assertThat(reasonOf("{" + ok + ", \"category\": \"general\", \"enterprise\": \"E002\"}")).isEqualTo("enterprise_mismatch");
    assertThat(reasonOf("{" + ok.replace("generated", "transferred") + ", \"category\": \"general\"}"))
        .isEqualTo("missing_field"); // a transfer without its destination
    assertThat(reasonOf("{" + ok + ", \"category\": \"general\", \"to\": \"E002\"}")).isEqualTo("bad_value");
    assertThat(reasonOf("{" + ok + ", \"category\": \"general\", \"kg\": 3}")).isEqualTo("bad_value");
    assertThat(deadLetter(publish("parkloop/v1/waste/E009", "{" + ok + ", \"category\": \"general\"}").get(0)).getReason())
        .isEqualTo("unknown_enterprise");
    assertThat(deadLetter(publish("parkloop/v1/waste/E001/x", "{}").get(0)).getReason()).isEqualTo("bad_topic");
  }

  @Test
  void theMonthlyCsvGoesThroughTheSameChecksLineByLine() throws IOException {
    String csv = """
        enterprise,id,date,category,hw_code,flow,to,handler,tonnes
        E001,M-03-GEN,2026-03,general,,generated,,,120.5
        E001,M-03-X,2026-03,general,,transferred,E002,,80
        E001,M-03-HW,2026-03,hazardous,HW08,disposed,,JS0500OOD001,2.25
        E002,M-03-BAD,2026-03,general,,generated,,,lots
        E002,M-03-SHORT,2026-03,general
        """;
    List<ProducerRecord<byte[], byte[]>> records = files.csvRecords("waste-2026-03.csv", csv, ARRIVAL);

    assertThat(records).hasSize(5);
    assertThat(waste(records.get(0)).getTonnes()).isEqualTo(120.5);
    assertThat(waste(records.get(0)).getSource()).isEqualTo("file:waste-2026-03.csv:2");
    assertThat(waste(records.get(1)).getToEnterprise()).isEqualTo("E002");
    assertThat(waste(records.get(2)).getHandler()).isEqualTo("JS0500OOD001");
    DeadLetter notANumber = deadLetter(records.get(3));
    assertThat(notANumber.getReason()).isEqualTo("bad_value");
    assertThat(notANumber.getSource()).isEqualTo("file:waste-2026-03.csv:5");
    assertThat(StandardCharsets.UTF_8.decode(notANumber.getPayload()).toString()).isEqualTo("E002,M-03-BAD,2026-03,general,,generated,,,lots");
    assertThat(deadLetter(records.get(4)).getReason()).isEqualTo("malformed_csv");
  }

  @Test
  void aCsvWithoutTheContractsHeaderIsRefusedNamingTheFile() {
    assertThatThrownBy(() -> files.csvRecords("w.csv", "enterprise,month,tonnes\nE001,2026-03,1\n", ARRIVAL))
        .hasMessage("w.csv:1: expected the header 'enterprise,id,date,category,hw_code,flow,to,handler,tonnes'");
  }
}
