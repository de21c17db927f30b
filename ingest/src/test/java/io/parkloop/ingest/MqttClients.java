package io.parkloop.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
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
  record Session(MqttClient client) implements AutoCloseable {
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
    MqttClient client = new MqttClient(url, "access-test-" + UUID.randomUUID(), new MemoryPersistence());
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
   * Publishes QoS 1 and waits for the broker's answer; a refusal is not thrown (brokers differ:
   * a "not authorized" PUBACK, a silent drop or a disconnect) since what counts is whether the
   * message reaches a subscriber.
   */
  static void publishIgnoringRefusal(Session session, String topic, String payload) {
    try {
      session.publish(topic, payload);
    } catch (MqttException refusedOrDisconnected) {
      // see above
    }
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
