package io.parkloop.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/** Blocking Paho MQTT 5 clients for the access tests: log in, publish one message, collect. */
final class MqttClients {
  /** A connected client that disconnects when closed. */
  record Session(AnsweringClient client) implements AutoCloseable {
    void publish(String topic, String payload) throws MqttException {
      client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    @Override
    public void close() {
      try {
        if (client.isConnected()) {
          client.disconnect();
        }
        client.close();
      } catch (MqttException alreadyGone) {
        // a broker that refused a publish may have dropped the connection already
      }
    }
  }

  /** A blocking client whose publish also returns the broker's answer, PUBACK reason code included. */
  static final class AnsweringClient extends MqttClient {
    AnsweringClient(String url, String clientId) throws MqttException {
      super(url, clientId, new MemoryPersistence());
    }

    /** The reason code of the PUBACK to a QoS 1 publish (MqttClient's own publish drops it). */
    int publishForReasonCode(String topic, byte[] payload) throws MqttException {
      IMqttToken token = aClient.publish(topic, payload, 1, false);
      token.waitForCompletion(getTimeToWait());
      return token.getReasonCodes()[0];
    }
  }

  private static final int TIMEOUT_MILLIS = 15_000;

  private MqttClients() {}

  /** Connects with a user name and password (either may be null: no credentials sent). */
  static Session withPassword(String url, String user, String password) throws MqttException {
    MqttConnectionOptions options = options();
    if (user != null) {
      options.setUserName(user);
    }
    if (password != null) {
      options.setPassword(password.getBytes(StandardCharsets.UTF_8));
    }
    return connect(url, options);
  }

  /** Connects over TLS with a client certificate and no password. */
  static Session withCertificate(String tlsUrl, SSLSocketFactory socketFactory) throws MqttException {
    MqttConnectionOptions options = options();
    options.setSocketFactory(socketFactory);
    return connect(tlsUrl, options);
  }

  private static MqttConnectionOptions options() {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setConnectionTimeout(TIMEOUT_MILLIS / 1000);
    return options;
  }

  private static Session connect(String url, MqttConnectionOptions options) throws MqttException {
    AnsweringClient client = new AnsweringClient(url, "access-test-" + UUID.randomUUID());
    client.setTimeToWait(TIMEOUT_MILLIS);
    try {
      client.connect(options);
    } catch (MqttException e) {
      client.close();
      throw e;
    }
    return new Session(client);
  }

  /**
   * Publishes QoS 1 where the broker must refuse it, and returns the broker's answer: the reason
   * code of its PUBACK (0 if it acknowledged the message) or of the DISCONNECT it sent instead,
   * or Paho's {@link MqttClientException#REASON_CODE_CONNECTION_LOST} when it just closed the
   * connection. No answer at all is not a refusal, nor is a failure in the client: both fail.
   */
  static int publishExpectingRefusal(Session session, String topic, String payload) {
    try {
      return session.client().publishForReasonCode(topic, payload.getBytes(StandardCharsets.UTF_8));
    } catch (MqttException refused) {
      if (refused.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_TIMEOUT
          || refused.getReasonCode() == MqttException.REASON_CODE_CLIENT_EXCEPTION) {
        throw new AssertionError("no broker answer to a publish on " + topic
            + " (a timeout or a client failure is not a refusal): " + refused, refused);
      }
      return refused.getReasonCode();
    }
  }

  /** Paho's reason code of a refused connection; a timeout fails, since it is not a refusal. */
  static int connectExpectingRefusal(String url, String user, String password) {
    try {
      withPassword(url, user, password).close();
    } catch (MqttException refused) {
      if (refused.getReasonCode() == MqttClientException.REASON_CODE_CLIENT_TIMEOUT) {
        throw new AssertionError("no CONNACK from " + url + " within " + TIMEOUT_MILLIS
            + " ms: a timeout is not a refusal", refused);
      }
      return refused.getReasonCode();
    }
    throw new AssertionError(url + " accepted the login of " + user);
  }

  /**
   * What a client receives on the filter, as {@code topic payload}, in arrival order. Through the
   * client's callback, as the bridge does: Paho does not route messages of a {@code $share/}
   * subscription to a per-subscription listener.
   */
  static List<String> collect(Session session, String filter) throws MqttException {
    List<String> received = new CopyOnWriteArrayList<>();
    session.client().setCallback(new MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        received.add(topic + " " + text(message));
      }

      @Override
      public void disconnected(MqttDisconnectResponse response) {}

      @Override
      public void mqttErrorOccurred(MqttException exception) {}

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    });
    IMqttToken token = session.client().subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)});
    int[] granted = token.getGrantedQos();
    if (granted.length != 1 || granted[0] > 2) {
      throw new IllegalStateException("subscription to " + filter + " refused: reason " + granted[0]);
    }
    return received;
  }

  private static String text(MqttMessage message) {
    return new String(message.getPayload(), StandardCharsets.UTF_8);
  }
}
