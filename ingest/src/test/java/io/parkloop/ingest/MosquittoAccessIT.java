package io.parkloop.ingest;

import io.parkloop.embedded.MosquittoBroker;
import io.parkloop.embedded.RequiredTool;
import org.eclipse.paho.mqttv5.common.packet.MqttReturnCode;
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

  @Override
  int refusedLogin() {
    return MqttReturnCode.RETURN_CODE_NOT_AUTHORIZED;
  }

  @Override
  int refusedPublish() {
    return MqttReturnCode.RETURN_CODE_NOT_AUTHORIZED;
  }

  @Override
  boolean admitsCertificatesOfNoAccount() {
    return true;
  }
}
