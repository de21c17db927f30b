package io.parkloop.embedded;

import static io.parkloop.embedded.KafkaTestClients.consume;
import static io.parkloop.embedded.KafkaTestClients.partitions;
import static io.parkloop.embedded.KafkaTestClients.produce;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {
  private static final String TOPIC = "parkloop.readings";

  @Test
  void keepsTopicsAndRecordsAcrossRestartsOnTheSameDirectory(@TempDir Path dataDir)
      throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
      kafka.createTopics(Map.of(TOPIC, 3));
      produce(kafka, TOPIC, "E001-ELEC", "152340.5");
    }

    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0)) {
      kafka.createTopics(Map.of(TOPIC, 1)); // exists already, so it keeps its 3 partitions
      assertThat(partitions(kafka, TOPIC)).isEqualTo(3);
      produce(kafka, TOPIC, "E001-GAS", "88.0");
      assertThat(consume(kafka, TOPIC, 2))
          .containsExactlyInAnyOrder("E001-ELEC=152340.5", "E001-GAS=88.0");
    }
  }
}
