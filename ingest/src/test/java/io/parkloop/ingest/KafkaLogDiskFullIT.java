package io.parkloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.avro.Reading;
import io.parkloop.embedded.KafkaBrokerProcess;
import io.parkloop.embedded.MosquittoBroker;
import io.parkloop.embedded.RequiredTool;
import io.parkloop.embedded.TestDisk;
import io.parkloop.schemas.AvroCodec;
import io.parkloop.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's log disk runs full under the bridge: the broker (a process of its own, whose log
 * directory is a 16 MiB tmpfs the test mounts and fills) fails, the bridge counts and logs every
 * send Kafka does not take, and acknowledges none of those messages to MQTT. That bridge is then
 * stopped while Kafka is still down; once the filler is deleted and the broker restarted (a
 * failed log directory comes back only with a restart), a bridge on the same persistent session
 * is handed the unacknowledged messages again. Every reading published is on the topic: those
 * before the disk filled and after it recovered exactly once, those in between at least once
 * (SPEC: a duplicate counts once downstream). The mount needs root, as CI has; elsewhere the
 * test fails with mount's message.
 */
class KafkaLogDiskFullIT {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaLogDiskFullIT.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String GATEWAY_TOPIC = "parkloop/v1/readings/E001/gateway-disk-full";
  private static final int PER_PHASE = 100;
  private static final AvroCodec<Reading> READINGS = AvroCodec.of(Reading.class);
  /** Failures surface in seconds, not after the launcher's 120 s, and a stopping bridge does not wait long for them. */
  private static final Map<String, String> QUICK_FAILURES = Map.of(
      ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000",
      ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "3000",
      ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");

  @TempDir Path dir;
  private TestDisk disk;

  @BeforeAll
  static void requireMosquitto() {
    RequiredTool.MOSQUITTO.require();
  }

  @AfterEach
  void unmount() throws Exception {
    if (disk != null) {
      disk.close();
    }
  }

  @Test
  void aFullKafkaLogDiskIsCountedLosesNoReadingAndRecoversWhenSpaceReturns() throws Exception {
    Path kafkaData = dir.resolve("kafka");
    disk = TestDisk.mount(kafkaData.resolve("logs"), 16); // EmbeddedKafka's log.dirs
    List<TestReading> readings = TestReading.series(List.of("E001-ELEC", "E001-FW"), 3 * PER_PHASE);
    List<TestReading> beforeFull = readings.subList(0, PER_PHASE);
    List<TestReading> whileFull = readings.subList(PER_PHASE, 2 * PER_PHASE);
    List<TestReading> afterRecovery = readings.subList(2 * PER_PHASE, 3 * PER_PHASE);
    String bridgeId = "bridge-disk-full";

    KafkaBrokerProcess kafka = KafkaBrokerProcess.start(kafkaData, 0);
    try (MosquittoBroker mqtt = MosquittoBroker.start(dir.resolve("mqtt"), 0);
        PahoPublisher gateway = PahoPublisher.connect(mqtt.url(), "gateway-disk-full", GATEWAY_TOPIC)) {
      IngestTopics topics = createTopics(kafka.bootstrapServers());
      Path filler;
      long failures;
      long taken;
      // stopped at the block's end, while Kafka is down: what it took and Kafka did not, only MQTT can hand out again
      try (TestBridge bridge = TestBridge.start(mqtt.url(), bridgeId, kafka.bootstrapServers(), topics, QUICK_FAILURES)) {
        publish(gateway, beforeFull);
        try (ReadingsOnKafka onKafka = ReadingsOnKafka.follow(kafka.bootstrapServers(), topics.readings())) {
          assertThat(onKafka.missingAfter(TestReading.keys(beforeFull), TIMEOUT)).as("readings before the disk filled")
              .isEmpty();
        }

        filler = disk.fill("filler");
        awaitBrokerGone(kafka);
        assertThat(kafka.log()).as("the broker's log says why it stopped").contains("No space left on device");
        // published once the broker is gone, so every send fails: published before, a broker not yet halted
        // could still take them all, and nothing would be counted
        publish(gateway, whileFull);
        awaitSendFailures(bridge.metrics());
        assertThat(MetricsEndpoint.render(bridge.metrics(), List.of()).lines()
            .filter(line -> line.startsWith("parkloop_ingest_kafka_send_failures_total ")))
            .as("the failures on /metrics").singleElement().isNotEqualTo("parkloop_ingest_kafka_send_failures_total 0");
        assertThat(bridge.metrics().messagesIn()).as("messages the bridge took while Kafka could not store them")
            .isGreaterThan(PER_PHASE);
        failures = bridge.metrics().kafkaSendFailures();
        taken = bridge.metrics().messagesIn();
      }
      Files.delete(filler);
      kafka = kafka.restart();

      try (TestBridge restarted = TestBridge.start(mqtt.url(), bridgeId, kafka.bootstrapServers(), topics)) {
        publish(gateway, afterRecovery);
        try (ReadingsOnKafka onKafka = ReadingsOnKafka.follow(kafka.bootstrapServers(), topics.readings())) {
          assertThat(onKafka.missingAfter(TestReading.keys(readings), TIMEOUT)).as("readings missing after recovery")
              .isEmpty();
        }
        assertThat(restarted.metrics().kafkaSendFailures()).as("send failures once space returned").isZero();
      }

      Map<String, Long> copies = copiesOnTopic(kafka.bootstrapServers(), topics.readings());
      assertThat(copies.keySet()).as("readings on the topic").containsExactlyInAnyOrderElementsOf(TestReading.keys(readings));
      assertThat(TestReading.keys(beforeFull)).as("readings before the disk filled, each once")
          .allSatisfy(key -> assertThat(copies.get(key)).as(key).isEqualTo(1));
      assertThat(TestReading.keys(afterRecovery)).as("readings after recovery, each once")
          .allSatisfy(key -> assertThat(copies.get(key)).as(key).isEqualTo(1));
      LOG.info("KAFKA LOG DISK FULL: {} send failures counted; the first bridge took {} of {} messages and was stopped "
          + "with Kafka down; all {} readings on the topic after the restart, {} copies of the {} published while "
          + "the disk was full", failures, taken, 2 * PER_PHASE, readings.size(),
          TestReading.keys(whileFull).stream().mapToLong(copies::get).sum(), whileFull.size());
    } finally {
      kafka.close();
    }
  }

  private static IngestTopics createTopics(String kafka) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
      admin.createTopics(List.of(new NewTopic(Topics.READINGS, 1, (short) 1), new NewTopic(Topics.DEAD_LETTERS, 1, (short) 1)))
          .all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
    return new IngestTopics(Topics.READINGS, Topics.DEAD_LETTERS);
  }

  private static void publish(PahoPublisher gateway, List<TestReading> readings) throws Exception {
    for (TestReading reading : readings) {
      gateway.publish(reading.json());
    }
    gateway.finish(TIMEOUT);
  }

  /** A broker whose only log directory fails halts; Kafka writes its metadata log there too, so it does without any produce. */
  private static void awaitBrokerGone(KafkaBrokerProcess kafka) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (kafka.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(kafka.isAlive()).as(() -> "the broker halted on the full disk; its log:\n" + kafka.log()).isFalse();
  }

  private static void awaitSendFailures(IngestMetrics metrics) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (metrics.kafkaSendFailures() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(metrics.kafkaSendFailures()).as("sends Kafka did not take, counted").isPositive();
  }

  /** How often each reading (meter, ts) is on the topic, read up to its end offsets. */
  private static Map<String, Long> copiesOnTopic(String kafka, String topic) {
    try (TopicOnBroker onBroker = new TopicOnBroker(kafka, topic)) {
      return onBroker.recordsBelowEndOffsetsNow().stream()
          .map(KafkaLogDiskFullIT::key)
          .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
  }

  private static String key(ConsumerRecord<byte[], byte[]> record) {
    try {
      Reading reading = READINGS.decode(record.value());
      return TestReading.key(reading.getMeter(), reading.getTs());
    } catch (IOException e) {
      throw new AssertionError("a record on the readings topic is no Reading", e);
    }
  }
}
