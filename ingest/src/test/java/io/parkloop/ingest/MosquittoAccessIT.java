package io.parkloop.ingest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.parkloop.embedded.MosquittoBroker;
import org.junit.jupiter.api.BeforeAll;

/** {@link MqttAccessContract} on Debian's Mosquitto with the password and ACL files parkloop writes. */
class MosquittoAccessIT extends MqttAccessContract {
  @BeforeAll
  static void startBroker() {
    assumeTrue(MosquittoBroker.isInstalled(), "Debian's mosquitto is not installed");
    broker = MosquittoBroker.start(dir.resolve("mosquitto"), 0, security());
  }

  @Override
  String tlsUrl() {
    return ((MosquittoBroker) broker).tlsUrl();
  }
}
