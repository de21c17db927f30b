package io.parkloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.embedded.MosquittoBroker;
import io.parkloop.embedded.RequiredTool;
import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import io.parkloop.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nothing is lost when the bridge crashes: two gateways, one on MQTT 3.1.1 and one on MQTT 5,
 * publish 10,000 readings through Debian's Mosquitto in the shipped configuration. The bridge
 * is killed while it forwards them, with readings it took but had not written to Kafka yet; the
 * gateways go on publishing while it is away, and it starts again under the same client id.
 * Every reading reaches Kafka at least once.
 */
@ExtendWith(SharedServices.class)
class MosquittoBridgeIT {
  private static final Logger LOG = LoggerFactory.getLogger(MosquittoBridgeIT.class);
  private static final int PER_GATEWAY = 5_000;
  /** Each gateway's readings before the crash, then while the bridge is away, then after. */
  private static final int BEFORE_CRASH = 2_500;
  private static final int DURING_OUTAGE = 1_500;
  /** The bridge is killed once it has taken this many of the readings before the crash. */
  private static final int CRASH_AFTER = 4_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String OLDER_GATEWAY_TOPIC = "parkloop/v1/readings/E001/gateway-311";

  @BeforeAll
  static void requireMosquitto() {
    RequiredTool.MOSQUITTO.require();
    RequiredTool.MOSQUITTO_PUB.require();
  }

  @Test
  void aBridgeKilledMidStreamLosesNoReading(TestClassServices services, @TempDir Path dir) throws Exception {
    IngestTopics topics = new IngestTopics(services.createTopic(Topics.READINGS, 4),
        services.createTopic(Topics.DEAD_LETTERS, 1));
    String kafka = services.kafka().bootstrapServers();
    String bridgeId = "bridge-" + services.suffix();
    List<TestReading> older = TestReading.series(List.of("E001-ELEC", "E001-FW"), PER_GATEWAY);
    List<TestReading> newer = TestReading.series(List.of("E002-ELEC"), PER_GATEWAY);
    Set<String> expected = new HashSet<>(TestReading.keys(older));
    expected.addAll(TestReading.keys(newer));
    int restartAt = BEFORE_CRASH + DURING_OUTAGE;

    try (MosquittoBroker broker = MosquittoBroker.start(dir, 0);
        ReadingsOnKafka onKafka = ReadingsOnKafka.follow(kafka, topics.readings());
        PahoPublisher v5 = PahoPublisher.connect(broker.url(), "gateway-v5-" + services.suffix(),
            "parkloop/v1/readings/E002/E002-ELEC")) {
      try (BridgeProcess crashing = BridgeProcess.start(broker.url(), bridgeId, kafka, topics)) {
        publishBoth(broker, older.subList(0, BEFORE_CRASH), v5, newer.subList(0, BEFORE_CRASH));
        crashing.awaitMessagesIn(CRASH_AFTER, TIMEOUT);
        crashing.kill();
      }
      LOG.info("bridge killed with {} of the {} readings published so far on Kafka", onKafka.distinct(),
          2 * BEFORE_CRASH);
      publishBoth(broker, older.subList(BEFORE_CRASH, restartAt), v5, newer.subList(BEFORE_CRASH, restartAt));

      try (TestBridge restarted = TestBridge.start(broker.url(), bridgeId, kafka, topics)) {
        publishBoth(broker, older.subList(restartAt, PER_GATEWAY), v5, newer.subList(restartAt, PER_GATEWAY));
        Set<String> missing = onKafka.missingAfter(expected, TIMEOUT);

        assertThat(missing.size()).as("readings missing on Kafka, such as %s", missing.stream().limit(5).toList())
            .isZero();
        assertThat(onKafka.unexpected(expected)).isEmpty();
        assertThat(restarted.metrics().deadLettersTotal()).isZero();
        LOG.info("all {} readings on Kafka in {} records: {} sent again after the crash", expected.size(),
            onKafka.records(), onKafka.records() - expected.size());
      }
    }
  }

  /**
   * The MQTT 3.1.1 gateway (a fresh mosquitto_pub, as after a reconnect) and the MQTT 5 one
   * publish at the same time; returns once the broker has acknowledged every message.
   */
  private static void publishBoth(MosquittoBroker broker, List<TestReading> olderReadings, PahoPublisher v5,
      List<TestReading> newerReadings) throws Exception {
    try (MosquittoPub v311 = MosquittoPub.start(broker.url(), OLDER_GATEWAY_TOPIC, "mqttv311")) {
      for (TestReading reading : olderReadings) {
        v311.publish(reading.json());
      }
      v311.flush(); // mosquitto_pub sends them while the MQTT 5 gateway sends its own
      for (TestReading reading : newerReadings) {
        v5.publish(reading.json());
      }
      v311.finish(TIMEOUT);
      v5.finish(TIMEOUT);
    }
  }
}
