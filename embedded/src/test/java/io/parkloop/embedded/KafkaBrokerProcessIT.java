package io.parkloop.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerProcessIT {
  private static final String TOPIC = "parkloop.readings";

  @Test
  void aRecordAcknowledgedBeforeASigkillIsThereAfterTheRestart(@TempDir Path dataDir) throws Exception {
    KafkaBrokerProcess broker = KafkaBrokerProcess.start(dataDir, 0);
    long firstPid = broker.pid();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
    }
    produce(broker.bootstrapServers(), "E001-ELEC", "152340.5");

    broker.kill();
    assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    assertThat(broker.log()).doesNotContain(cleanStop(broker));

    try (KafkaBrokerProcess restarted = broker.restart()) {
      assertThat(restarted.pid()).isNotEqualTo(firstPid);
      assertThat(restarted.port()).isEqualTo(broker.port());
      assertThat(consume(restarted.bootstrapServers(), 1)).containsExactly("E001-ELEC=152340.5");
    }
  }

  @Test
  void closingStopsTheBrokerCleanly(@TempDir Path dataDir) {
    KafkaBrokerProcess broker = KafkaBrokerProcess.start(dataDir, 0);
    broker.close();
    assertThat(broker.log()).contains(cleanStop(broker));
  }

  /** What EmbeddedKafka logs on a clean close only; a SIGKILLed broker never gets to it. */
  private static String cleanStop(KafkaBrokerProcess broker) {
    return "Kafka on 127.0.0.1:" + broker.port() + " stopped";
  }

  private static void produce(String bootstrap, String key, String value) throws Exception {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
    }
  }

  private static List<String> consume(String bootstrap, int count) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> records = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> records.add(r.key() + "=" + r.value()));
      }
    }
    return records;
  }
}
