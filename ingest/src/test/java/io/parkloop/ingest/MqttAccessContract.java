package io.parkloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkloop.embedded.MqttAccount;
import io.parkloop.embedded.MqttAccount.Role;
import io.parkloop.embedded.MqttAccounts;
import io.parkloop.embedded.MqttBroker;
import io.parkloop.embedded.MqttSecurity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttReturnCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What MQTT access control must do on every broker parkloop ships for: only known accounts log
 * in (by password, or by client certificate over TLS) and each may publish only to its own
 * topics; the bridge reads everything through its shared subscription and publishes nothing.
 * A refused login must carry the broker's CONNACK reason code and a refused publish its PUBACK
 * reason code (a timeout is no refusal); the publish is also proven absent at a subscriber that
 * receives a later, allowed one.
 */
abstract class MqttAccessContract {
  static final MqttAccounts ACCOUNTS = new MqttAccounts(List.of(
      new MqttAccount(Role.BRIDGE, MqttAccounts.BRIDGE, "bridge-secret"),
      new MqttAccount(Role.ENTERPRISE, "E001", "e001-secret"),
      new MqttAccount(Role.ENTERPRISE, "E002", null),
      new MqttAccount(Role.ANALYSER, "88888880000001", "analyser-secret")));
  private static final String ALL_READINGS = "$share/parkloop-bridge/parkloop/v1/readings/+/+";

  @TempDir static Path dir;
  static MqttBroker broker;
  static TestCertificates certificates;

  /** Starts the broker under test with {@link #ACCOUNTS} and a TLS listener. */
  static MqttSecurity security() {
    certificates = TestCertificates.create(dir.resolve("certs"));
    return new MqttSecurity(ACCOUNTS, certificates.brokerFiles(), 0);
  }

  abstract String tlsUrl();

  /**
   * The CONNACK reason code this broker gives a login it refuses, with no credentials or wrong
   * ones: HiveMQ answers "bad user name or password", Mosquitto "not authorized" for both.
   */
  abstract int refusedLogin();

  /**
   * This broker's answer to a publish its access rules forbid, as
   * {@link MqttClients#publishExpectingRefusal} reports it.
   */
  abstract int refusedPublish();

  /** Whether a certificate of the CA whose CN is no account logs in (and may then do nothing). */
  abstract boolean admitsCertificatesOfNoAccount();

  /** Publishes where the rules forbid it and checks that the broker answered with its refusal. */
  private void refusedPublish(MqttClients.Session session, String topic, String payload) {
    assertThat(MqttClients.publishExpectingRefusal(session, topic, payload))
        .as("the broker's answer to a forbidden publish on %s", topic)
        .isEqualTo(refusedPublish());
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }

  @Test
  void anEnterpriseCannotPublishIntoAnotherEnterprisesTopic() throws MqttException {
    try (MqttClients.Session bridge = MqttClients.withPassword(broker.url(), MqttAccounts.BRIDGE, "bridge-secret");
        MqttClients.Session e001 = MqttClients.withPassword(broker.url(), "E001", "e001-secret")) {
      List<String> received = MqttClients.collect(bridge, ALL_READINGS);

      refusedPublish(e001, "parkloop/v1/readings/E002/E002-ELEC", "forged by E001");
      try (MqttClients.Session again = MqttClients.withPassword(broker.url(), "E001", "e001-secret")) {
        again.publish("parkloop/v1/readings/E001/E001-ELEC", "own");
      }

      awaitAllowed(received, "parkloop/v1/readings/E001/E001-ELEC own");
      assertThat(received).containsExactly("parkloop/v1/readings/E001/E001-ELEC own");
    }
  }

  @Test
  void theBridgeAndAnAnalyserCannotPublishReadings() throws MqttException {
    try (MqttClients.Session bridge = MqttClients.withPassword(broker.url(), MqttAccounts.BRIDGE, "bridge-secret");
        MqttClients.Session analyser = MqttClients.withPassword(broker.url(), "88888880000001", "analyser-secret")) {
      List<String> received = MqttClients.collect(bridge, ALL_READINGS);

      try (MqttClients.Session secondBridge = MqttClients.withPassword(broker.url(), MqttAccounts.BRIDGE, "bridge-secret")) {
        // not on the subscribing connection: a broker may drop a client whose publish it refuses
        refusedPublish(secondBridge, "parkloop/v1/readings/E001/E001-ELEC", "by the bridge");
      }
      refusedPublish(analyser, "parkloop/v1/readings/E001/E001-ELEC", "by an analyser");
      try (MqttClients.Session e001 = MqttClients.withPassword(broker.url(), "E001", "e001-secret")) {
        e001.publish("parkloop/v1/readings/E001/E001-FW", "own");
      }

      awaitAllowed(received, "parkloop/v1/readings/E001/E001-FW own");
      assertThat(received).containsExactly("parkloop/v1/readings/E001/E001-FW own");
    }
  }

  @Test
  void anUnauthenticatedClientIsRefused() {
    assertThat(MqttClients.connectExpectingRefusal(broker.url(), null, null))
        .as("CONNACK reason code for a login without credentials")
        .isEqualTo(refusedLogin());
  }

  @Test
  void aWrongPasswordIsRefused() {
    assertThat(MqttClients.connectExpectingRefusal(broker.url(), "E001", "e002-secret"))
        .as("CONNACK reason code for a wrong password")
        .isEqualTo(refusedLogin());
    assertThat(MqttClients.connectExpectingRefusal(broker.url(), "E002", ""))
        .as("a certificate-only account has no password to guess")
        .isEqualTo(refusedLogin());
  }

  @Test
  void aClientCertificateAuthenticatesItsAccountWithItsTopicsOnly() throws MqttException {
    try (MqttClients.Session bridge = MqttClients.withPassword(broker.url(), MqttAccounts.BRIDGE, "bridge-secret");
        MqttClients.Session e002 = MqttClients.withCertificate(tlsUrl(), certificates.clientSocketFactory("E002"))) {
      List<String> received = MqttClients.collect(bridge, ALL_READINGS);

      refusedPublish(e002, "parkloop/v1/readings/E001/E001-ELEC", "forged by E002");
      try (MqttClients.Session again = MqttClients.withCertificate(tlsUrl(), certificates.clientSocketFactory("E002"))) {
        again.publish("parkloop/v1/readings/E002/E002-ELEC", "own");
      }

      awaitAllowed(received, "parkloop/v1/readings/E002/E002-ELEC own");
      assertThat(received).containsExactly("parkloop/v1/readings/E002/E002-ELEC own");
    }
  }

  /** HiveMQ refuses the login; Mosquitto lets the CA's certificate in, and its ACL grants nothing. */
  @Test
  void aCertificateOfNoAccountCanPublishNothing() throws MqttException {
    try (MqttClients.Session bridge = MqttClients.withPassword(broker.url(), MqttAccounts.BRIDGE, "bridge-secret")) {
      List<String> received = MqttClients.collect(bridge, ALL_READINGS);

      if (admitsCertificatesOfNoAccount()) {
        for (String topic : List.of("parkloop/v1/readings/E999/M1", "parkloop/v1/readings/E001/E001-ELEC")) {
          try (MqttClients.Session stranger = MqttClients.withCertificate(tlsUrl(), certificates.clientSocketFactory("E999"))) {
            refusedPublish(stranger, topic, "by a stranger");
          }
        }
      } else {
        assertThatThrownBy(() -> MqttClients.withCertificate(tlsUrl(), certificates.clientSocketFactory("E999")).close())
            .isInstanceOfSatisfying(MqttException.class, refused -> assertThat(refused.getReasonCode())
                .as("CONNACK reason code for a certificate of no account")
                .isEqualTo(MqttReturnCode.RETURN_CODE_BAD_USERNAME_OR_PASSWORD));
      }
      try (MqttClients.Session e001 = MqttClients.withPassword(broker.url(), "E001", "e001-secret")) {
        e001.publish("parkloop/v1/readings/E001/E001-GAS", "own");
      }

      awaitAllowed(received, "parkloop/v1/readings/E001/E001-GAS own");
      assertThat(received).containsExactly("parkloop/v1/readings/E001/E001-GAS own");
    }
  }

  /**
   * Waits for the allowed message: the barrier behind which a forbidden one would be. A broker
   * answers a QoS 1 publish once it has routed it, so a forbidden message it let through would
   * have been queued for the subscriber before the allowed one was even published, and one
   * subscriber gets its messages in order.
   */
  private static void awaitAllowed(List<String> received, String allowed) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    try {
      while (!received.contains(allowed) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertThat(received).as("the allowed message").contains(allowed);
  }
}
