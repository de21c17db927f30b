package io.parkloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.avro.DeadLetter;
import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import io.parkloop.schemas.AvroCodec;
import io.parkloop.schemas.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An MQTT payload twice as large as Kafka takes in one record (1 MiB by default), through HiveMQ,
 * the bridge and the real broker: it becomes one dead letter cut to 256 KiB, the bridge
 * acknowledges it and carries on. Proven by barriers, not by waiting: a reading published after
 * it reaches Kafka; and a bridge restarted on the same persistent session is not given the
 * message again (had it not been acknowledged, the broker would redeliver it first and a second
 * dead letter would be on the topic when the next reading arrives).
 */
@ExtendWith(SharedServices.class)
class OversizedPayloadIT {
  private static final String TOPIC = "parkloop/v1/readings/E002/E002-ELEC";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final AvroCodec<DeadLetter> DEAD_LETTERS = AvroCodec.of(DeadLetter.class);

  @Test
  void aPayloadLargerThanKafkaTakesIsDeadLetteredCutAndAcknowledged(TestClassServices services) throws Exception {
    IngestTopics topics = new IngestTopics(services.createTopic(Topics.READINGS, 1),
        services.createTopic(Topics.DEAD_LETTERS, 1));
    String kafka = services.kafka().bootstrapServers();
    String bridgeId = "bridge-oversized-" + services.suffix();
    String payload = "{\"meter\": \"E002-ELEC\", \"ts\": " + " ".repeat(2 * 1024 * 1024);
    List<TestReading> after = TestReading.series(List.of("E002-ELEC"), 2);

    try (ReadingsOnKafka onKafka = ReadingsOnKafka.follow(kafka, topics.readings());
        PahoPublisher gateway = PahoPublisher.connect(services.mqtt().url(), "gateway-" + services.suffix(), TOPIC)) {
      try (TestBridge bridge = TestBridge.start(services.mqtt().url(), bridgeId, kafka, topics)) {
        gateway.publish(payload);
        gateway.publish(after.get(0).json());
        gateway.finish(TIMEOUT);
        assertThat(onKafka.missingAfter(Set.of(after.get(0).key()), TIMEOUT)).as("the reading after it").isEmpty();
        assertThat(bridge.metrics().deadLettersTotal()).isEqualTo(1);
      }
      try (TestBridge restarted = TestBridge.start(services.mqtt().url(), bridgeId, kafka, topics)) {
        gateway.publish(after.get(1).json());
        gateway.finish(TIMEOUT);
        assertThat(onKafka.missingAfter(TestReading.keys(after), TIMEOUT)).as("the reading after the restart")
            .isEmpty();
        assertThat(restarted.metrics().deadLettersTotal()).as("dead letters of the restarted bridge").isZero();
      }
    }

    List<DeadLetter> letters = deadLetters(kafka, topics.deadLetters());
    assertThat(letters).singleElement().satisfies(letter -> {
      assertThat(letter.getReason()).isEqualTo("malformed_json");
      assertThat(letter.getDetail()).endsWith("(payload cut to its first 262,144 of 2,097,181 bytes)");
      assertThat(letter.getPayload().remaining()).isEqualTo(262_144);
    });
  }

  private static List<DeadLetter> deadLetters(String kafka, String topic) throws IOException {
    try (TopicOnBroker onBroker = new TopicOnBroker(kafka, topic)) {
      List<DeadLetter> letters = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> record : onBroker.recordsBelowEndOffsetsNow()) {
        letters.add(DEAD_LETTERS.decode(record.value()));
      }
      return letters;
    }
  }
}
