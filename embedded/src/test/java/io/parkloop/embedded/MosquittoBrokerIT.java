package io.parkloop.embedded;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;

/** Runs where Debian's mosquitto package is installed, and is skipped elsewhere. */
class MosquittoBrokerIT extends MqttBrokerContract {
  @BeforeAll
  static void requireMosquitto() {
    assumeTrue(MosquittoBroker.isInstalled(), "mosquitto is not installed");
  }

  @Override
  MqttBroker start(Path dataDir) {
    return MosquittoBroker.start(dataDir, 0);
  }
}
