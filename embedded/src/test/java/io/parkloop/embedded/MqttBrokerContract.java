package io.parkloop.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the ingest bridge needs of any MQTT broker it runs against. */
abstract class MqttBrokerContract {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String READINGS = "parkloop/v1/readings/E001/E001-ELEC";
  /** More than either broker's default queue limit of 1,000 messages per client. */
  private static final int BURST = 2_000;

  /** Starts the broker under test on a free port, keeping its data in {@code dataDir}. */
  abstract MqttBroker start(Path dataDir);

  @Test
  void sharedSubscriptionDeliversEachMessageToExactlyOneMember(@TempDir Path dataDir)
      throws Exception {
    List<String> sent = IntStream.range(0, 20).mapToObj(i -> "reading-" + i).toList();
    try (MqttBroker broker = start(dataDir);
        MqttTestClient first = MqttTestClient.connect(broker.url(), "bridge-1", true);
        MqttTestClient second = MqttTestClient.connect(broker.url(), "bridge-2", true);
        MqttTestClient meter = MqttTestClient.connect(broker.url(), "meter", true)) {
      first.subscribe("$share/bridge/parkloop/v1/readings/#");
      second.subscribe("$share/bridge/parkloop/v1/readings/#");
      for (String payload : sent) {
        meter.publish(READINGS, payload);
      }

      List<String> received = new ArrayList<>();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (received.size() < sent.size() && System.nanoTime() < deadline) {
        received.addAll(first.drain());
        received.addAll(second.drain());
        Thread.sleep(20);
      }
      // plus any extra that came meanwhile: a copy to the other member fails the check below
      received.addAll(first.drain());
      received.addAll(second.drain());
      assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
    }
  }

  @Test
  void persistentSessionGetsABurstPublishedWhileOfflineAfterABrokerRestart(@TempDir Path dataDir)
      throws Exception {
    List<String> sent = IntStream.range(0, BURST).mapToObj(i -> "while-offline-" + i).toList();
    MqttBroker broker = start(dataDir);
    try {
      // clean start false from the very first connection, as a durable subscriber must:
      // Mosquitto 2.0.11 does not save a session begun with clean start true to its file
      try (MqttTestClient bridge = MqttTestClient.connect(broker.url(), "bridge", false)) {
        bridge.subscribe("parkloop/v1/readings/#");
      }
      try (MqttTestClient meter = MqttTestClient.connect(broker.url(), "meter", true)) {
        for (String payload : sent) {
          meter.publish(READINGS, payload);
        }
      }

      broker.close();
      broker = start(dataDir);

      try (MqttTestClient bridge = MqttTestClient.connect(broker.url(), "bridge", false)) {
        assertThat(bridge.await(BURST, Duration.ofSeconds(30))).containsExactlyElementsOf(sent);
      }
    } finally {
      broker.close();
    }
  }
}
