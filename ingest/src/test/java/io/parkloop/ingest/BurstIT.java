package io.parkloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.embedded.MosquittoBroker;
import io.parkloop.embedded.RequiredTool;
import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import io.parkloop.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gateways flushing their backlog after an outage publish far faster than the bridge forwards:
 * 50,000 readings at full speed into each supported broker, in the configuration parkloop ships
 * for it, all reach Kafka. With Mosquitto's defaults (1,000 queued messages per client) most of
 * such a burst would be dropped on the floor.
 */
@ExtendWith(SharedServices.class)
class BurstIT {
  private static final Logger LOG = LoggerFactory.getLogger(BurstIT.class);
  private static final int READINGS = 50_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void mosquittoQueuesAMosquittoPubBurstForTheBridge(TestClassServices services, @TempDir Path dir)
      throws Exception {
    RequiredTool.MOSQUITTO.require();
    RequiredTool.MOSQUITTO_PUB.require();
    IngestTopics topics = topics(services, "mosquitto");
    List<TestReading> backlog = TestReading.series(List.of("E001-ELEC", "E001-FW"), READINGS);

    try (MosquittoBroker broker = MosquittoBroker.start(dir, 0);
        ReadingsOnKafka onKafka = ReadingsOnKafka.follow(services.kafka().bootstrapServers(), topics.readings());
        TestBridge bridge = TestBridge.start(broker.url(), "bridge-mosquitto-" + services.suffix(),
            services.kafka().bootstrapServers(), topics);
        MosquittoPub gateway = MosquittoPub.start(broker.url(), "parkloop/v1/readings/E001/gateway-7", "mqttv311")) {
      long start = System.nanoTime();
      for (TestReading reading : backlog) {
        gateway.publish(reading.json());
      }
      gateway.finish(TIMEOUT);

      assertAllOnKafka("Mosquitto, mosquitto_pub -l", backlog, start, onKafka, bridge);
    }
  }

  @Test
  void hivemqQueuesAPahoBurstForTheBridge(TestClassServices services) throws Exception {
    IngestTopics topics = topics(services, "hivemq");
    List<TestReading> backlog = TestReading.series(List.of("E002-ELEC"), READINGS);
    String url = services.mqtt().url();

    try (ReadingsOnKafka onKafka = ReadingsOnKafka.follow(services.kafka().bootstrapServers(), topics.readings());
        TestBridge bridge = TestBridge.start(url, "bridge-hivemq-" + services.suffix(),
            services.kafka().bootstrapServers(), topics);
        PahoPublisher gateway = PahoPublisher.connect(url, "gateway-" + services.suffix(),
            "parkloop/v1/readings/E002/E002-ELEC")) {
      long start = System.nanoTime();
      for (TestReading reading : backlog) {
        gateway.publish(reading.json());
      }
      gateway.finish(TIMEOUT);

      assertAllOnKafka("HiveMQ, Paho MQTT 5", backlog, start, onKafka, bridge);
    }
  }

  /** Topics of this run alone: both runs share the test JVM's Kafka. */
  private static IngestTopics topics(TestClassServices services, String broker) {
    return new IngestTopics(services.createTopic(Topics.READINGS + "." + broker, 4),
        services.createTopic(Topics.DEAD_LETTERS + "." + broker, 1));
  }

  private static void assertAllOnKafka(String run, List<TestReading> backlog, long start, ReadingsOnKafka onKafka,
      TestBridge bridge) throws InterruptedException {
    long publishedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    Set<String> expected = TestReading.keys(backlog);
    Set<String> missing = onKafka.missingAfter(expected, TIMEOUT);
    long forwardedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    LOG.info("{}: {} readings published in {} ms, {} of them on Kafka after {} ms ({} readings/s end to end)",
        run, backlog.size(), publishedMillis, onKafka.distinct(), forwardedMillis,
        backlog.size() * 1000L / Math.max(1, forwardedMillis));

    assertThat(missing.size()).as("readings missing on Kafka, such as %s", missing.stream().limit(5).toList())
        .isZero();
    assertThat(onKafka.distinct()).isEqualTo(READINGS);
    assertThat(bridge.metrics().deadLettersTotal()).isZero();
  }
}
