package io.parkloop.ingest;

import io.parkloop.embedded.MosquittoBroker;
import io.parkloop.embedded.RequiredTool;
import org.junit.jupiter.api.BeforeAll;

/** {@link MqttAccessContract} on Debian's Mosquitto with the password and ACL files parkloop writes. */
class MosquittoAccessIT extends MqttAccessContract {
  @BeforeAll
  static void startBroker() {
    RequiredTool.MOSQUITTO.require();
    broker = MosquittoBroker.start(dir.resolve("mosquitto"), 0, security());
  }

  @Override
  String tlsUrl() {
    return ((MosquittoBroker) broker).tlsUrl();
  }
}
