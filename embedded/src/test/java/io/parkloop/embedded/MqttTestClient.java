package io.parkloop.embedded;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho MQTT 5 client that collects the payloads it receives, for the broker tests. */
final class MqttTestClient implements AutoCloseable {
  /** Long enough to outlive a broker restart; the broker keeps the session that long. */
  private static final long SESSION_EXPIRY_SECONDS = 3600;

  private final MqttClient client;
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

  private MqttTestClient(MqttClient client) {
    this.client = client;
  }

  /**
   * Connects with a session that outlives the connection; {@code cleanStart} false resumes the
   * session the broker kept for {@code clientId}, with the messages queued for it meanwhile.
   */
  static MqttTestClient connect(String url, String clientId, boolean cleanStart)
      throws MqttException {
    MqttTestClient testClient = new MqttTestClient(
        new MqttClient(url, clientId, new MemoryPersistence()));
    // set before connecting: a resumed session's queued messages follow the CONNACK at once
    testClient.client.setCallback(testClient.new Collector());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(cleanStart);
    options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
    options.setAutomaticReconnect(false);
    testClient.client.connect(options);
    return testClient;
  }

  void subscribe(String topicFilter) throws MqttException {
    client.subscribe(topicFilter, 1);
  }

  void publish(String topic, String payload) throws MqttException {
    client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
  }

  /** Waits up to {@code timeout} for {@code count} payloads in all; returns those that came. */
  List<String> await(int count, Duration timeout) throws InterruptedException {
    List<String> payloads = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (payloads.size() < count) {
      String payload = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (payload == null) {
        break;
      }
      payloads.add(payload);
    }
    return payloads;
  }

  /** Whatever arrived so far, without waiting. */
  List<String> drain() {
    List<String> payloads = new ArrayList<>();
    received.drainTo(payloads);
    return payloads;
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect();
    }
    client.close();
  }

  private final class Collector implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
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
  }
}
