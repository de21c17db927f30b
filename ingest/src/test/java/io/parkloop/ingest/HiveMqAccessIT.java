package io.parkloop.ingest;

import io.parkloop.embedded.EmbeddedMqttBroker;
import org.eclipse.paho.mqttv5.common.packet.MqttReturnCode;
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

  @Override
  int refusedLogin() {
    return MqttReturnCode.RETURN_CODE_BAD_USERNAME_OR_PASSWORD;
  }

  @Override
  int refusedPublish() {
    return MqttReturnCode.RETURN_CODE_NOT_AUTHORIZED;
  }

  @Override
  boolean admitsCertificatesOfNoAccount() {
    return false;
  }
}
