package io.parkloop.embedded;

import java.nio.file.Path;

class EmbeddedMqttBrokerIT extends MqttBrokerContract {
  @Override
  MqttBroker start(Path dataDir) {
    return EmbeddedMqttBroker.start(dataDir, 0);
  }
}
