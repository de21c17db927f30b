package io.parkloop.embedded;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

/** {@link MqttBrokerContract} on Debian's Mosquitto; fails where it is not installed. */
class MosquittoBrokerIT extends MqttBrokerContract {
  @BeforeAll
  static void requireMosquitto() {
    RequiredTool.MOSQUITTO.require();
  }

  @Override
  MqttBroker start(Path dataDir) {
    return MosquittoBroker.start(dataDir, 0);
  }
}
