package io.parkloop.ingest;

import io.parkloop.ingest.hj212.Hj212Decoder;
import java.time.Clock;
import java.util.Map;
import org.eclipse.paho.mqttv5.common.MqttException;

/** The MQTT bridge wired as the launcher wires it, on a test's topics and reference data. */
final class TestBridge implements AutoCloseable {

  private final IngestMetrics metrics = new IngestMetrics();
  private final MqttBridge bridge;

  private TestBridge(String mqttUrl, String clientId, String kafka, IngestTopics topics,
      Map<String, String> producerOverrides) {
    var hj212 = new Hj212Ingest(() -> TestReference.DATA, new Hj212Decoder(), metrics, topics);
    var ingest = new MqttMessageIngest(new ReadingValidator(() -> TestReference.DATA, ReadingValidator.MAX_FUTURE),
        hj212, metrics, topics);
    bridge = new MqttBridge(MqttBridgeConfig.defaults(mqttUrl).withClientId(clientId), ingest,
        KafkaProducers.create(kafka, clientId, producerOverrides), metrics, Clock.systemUTC());
  }

  /** Returns once the bridge is connected and subscribed. */
  static TestBridge start(String mqttUrl, String clientId, String kafka, IngestTopics topics)
      throws MqttException {
    return start(mqttUrl, clientId, kafka, topics, Map.of());
  }

  /** @param producerOverrides Kafka producer settings to use instead of the launcher's */
  static TestBridge start(String mqttUrl, String clientId, String kafka, IngestTopics topics,
      Map<String, String> producerOverrides) throws MqttException {
    TestBridge testBridge = new TestBridge(mqttUrl, clientId, kafka, topics, producerOverrides);
    try {
      testBridge.bridge.start();
    } catch (MqttException | RuntimeException e) {
      testBridge.close();
      throw e;
    }
    return testBridge;
  }

  IngestMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    bridge.close();
  }
}
