package io.parkloop.ingest;

import io.parkloop.embedded.EmbeddedMqttBroker;
import org.junit.jupiter.api.BeforeAll;

/** {@link MqttAccessContract} on the embedded HiveMQ with parkloop's access extension. */
class HiveMqAccessIT extends MqttAccessContract {
  @BeforeAll
  static void startBroker() {
    broker = EmbeddedMqttBroker.start(dir.resolve("hivemq"), 0, security());
  }

  @Override
  String tlsUrl() {
    return ((EmbeddedMqttBroker) broker).tlsUrl();
  }
}
