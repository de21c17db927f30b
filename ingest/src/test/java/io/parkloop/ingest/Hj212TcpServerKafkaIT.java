package io.parkloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.avro.DeadLetter;
import io.parkloop.avro.Reading;
import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import io.parkloop.ingest.hj212.Hj212Decoder;
import io.parkloop.ingest.hj212.Hj212Frames;
import io.parkloop.ingest.hj212.Hj212Packet;
import io.parkloop.schemas.AvroCodec;
import io.parkloop.schemas.Topics;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HJ 212 TCP server in front of a real Kafka broker (the in-JVM KRaft broker) with the
 * bridge's own producer: the reply to each packet that asks for one comes only once the broker
 * has all of that packet's records. Checked on the broker itself: the moment a reply is read,
 * the topic's end offsets are taken, and the records below them must hold the packet's readings.
 */
@ExtendWith(SharedServices.class)
class Hj212TcpServerKafkaIT {
  private static final String WATER_MN = "88888880000001";
  private static final List<String> FACTORS = List.of("w01018-Avg", "w21003-Avg", "w00000-Cou");
  private static final int PACKETS = 24;
  /** HJ 212-2017 with bit A: asks for a reply. */
  private static final int ASKS_FOR_REPLY = 5;
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T00:15:02Z"), ZoneOffset.UTC);
  private static final AvroCodec<Reading> READINGS = AvroCodec.of(Reading.class);
  private static final AvroCodec<DeadLetter> DEAD_LETTERS = AvroCodec.of(DeadLetter.class);

  @Test
  void eachReplyComesOnlyOnceTheBrokerHasThePacketsRecords(TestClassServices services) throws Exception {
    IngestTopics topics = new IngestTopics(services.createTopic(Topics.READINGS, 3),
        services.createTopic(Topics.DEAD_LETTERS, 1));
    String kafka = services.kafka().bootstrapServers();
    IngestMetrics metrics = new IngestMetrics();
    Hj212Ingest ingest = new Hj212Ingest(() -> TestReference.DATA, new Hj212Decoder(), metrics, topics);

    try (var producer = KafkaProducers.create(kafka, "hj212-it-" + services.suffix());
        Hj212TcpServer server = new Hj212TcpServer(Hj212TcpServerConfig.defaults("127.0.0.1", 0), ingest,
            producer, metrics, CLOCK);
        TopicOnBroker broker = new TopicOnBroker(kafka, topics.readings())) {
      server.start();
      try (AnalyserClient analyser = new AnalyserClient(server.port())) {
        for (int hour = 0; hour < PACKETS; hour++) {
          String qn = String.format(Locale.ROOT, "20260301080000%03d", hour);
          analyser.send(hourData(qn, hour));

          Hj212Packet reply = analyser.nextReply();
          Set<String> onBroker = readings(broker.recordsBelowEndOffsetsNow());

          assertThat(reply.qn()).isEqualTo(qn);
          assertThat(onBroker).as("the broker's readings when the reply to %s was read", qn)
              .containsAll(expectedReadings(hour));
        }
      }
      assertThat(readings(broker.recordsBelowEndOffsetsNow())).hasSize(PACKETS * FACTORS.size());
      assertThat(deadLetters(kafka, topics.deadLetters())).isEmpty();
    }
  }

  /**
   * Hour data for 2026-02-28, hour {@code hour} of the analyser's clock (UTC+8): worked out by
   * hand, its readings are at 2026-02-27T16:00Z plus {@code hour} hours.
   */
  private static byte[] hourData(String qn, int hour) {
    StringBuilder values = new StringBuilder();
    for (String factor : FACTORS) {
      values.append(factor).append("=12.5,").append(factor, 0, 6).append("-Flag=N;");
    }
    values.setLength(values.length() - 1);
    return Hj212Frames.encode("QN=" + qn + ";ST=32;CN=2061;PW=123456;MN=" + WATER_MN + ";Flag=" + ASKS_FOR_REPLY
        + ";CP=&&DataTime=20260228" + String.format(Locale.ROOT, "%02d", hour) + "0000;" + values + "&&");
  }

  private static List<String> expectedReadings(int hour) {
    long ts = Instant.parse("2026-02-27T16:00:00Z").plus(Duration.ofHours(hour)).toEpochMilli();
    return FACTORS.stream().map(factor -> key("E001-WW1", factor.substring(0, 6), ts)).toList();
  }

  private static String key(String meter, String medium, long ts) {
    return meter + "/" + medium + "@" + ts;
  }

  private static Set<String> readings(List<ConsumerRecord<byte[], byte[]>> records) throws IOException {
    Set<String> readings = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      Reading reading = READINGS.decode(record.value());
      readings.add(key(reading.getMeter(), reading.getMedium(), reading.getTs().toEpochMilli()));
    }
    return readings;
  }

  private static List<DeadLetter> deadLetters(String kafka, String topic) throws IOException {
    try (TopicOnBroker letters = new TopicOnBroker(kafka, topic)) {
      List<DeadLetter> decoded = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> record : letters.recordsBelowEndOffsetsNow()) {
        decoded.add(DEAD_LETTERS.decode(record.value()));
      }
      return decoded;
    }
  }
}
