package io.parkloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import io.parkloop.schemas.Topics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bridge that hears nothing subscribes again (HiveMQ CE can leave a shared subscription's queue
 * unpolled under load; a SUBSCRIBE makes it poll), and the renewed subscription still delivers:
 * on the embedded HiveMQ, the bridge idles until it has subscribed again twice, then a gateway's
 * readings all reach Kafka.
 */
@ExtendWith(SharedServices.class)
class BridgeIdleResubscribeIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void anIdleBridgeSubscribesAgainAndStillDelivers(TestClassServices services) throws Exception {
    IngestTopics topics = new IngestTopics(services.createTopic(Topics.READINGS, 1),
        services.createTopic(Topics.DEAD_LETTERS, 1));
    String kafka = services.kafka().bootstrapServers();
    String mqtt = services.mqtt().url();
    List<TestReading> readings = TestReading.series(List.of("E001-ELEC"), 20);

    try (TestBridge bridge = TestBridge.start(mqtt, "idle-bridge-" + services.suffix(), kafka, topics);
        ReadingsOnKafka onKafka = ReadingsOnKafka.follow(kafka, topics.readings())) {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (bridge.metrics().idleResubscribes() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(100); // polling a counter that must move, not proving an absence
      }
      assertThat(bridge.metrics().idleResubscribes()).as("subscriptions renewed while idle").isGreaterThanOrEqualTo(2);

      try (PahoPublisher gateway = PahoPublisher.connect(mqtt, "idle-gateway-" + services.suffix(),
          "parkloop/v1/readings/E001/gateway-idle")) {
        for (TestReading reading : readings) {
          gateway.publish(reading.json());
        }
        gateway.finish(TIMEOUT);
      }
      assertThat(onKafka.missingAfter(TestReading.keys(readings), TIMEOUT)).isEmpty();
      assertThat(bridge.metrics().isBridgeSubscribed()).isTrue();
    }
  }
}
