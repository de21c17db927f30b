package io.parkloop.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * An MQTT 5 gateway on Paho publishing QoS 1 to one topic as fast as the broker lets it: as
 * many messages awaiting PUBACK as the broker's receive maximum allows (Paho refuses more).
 */
final class PahoPublisher implements AutoCloseable {
  /** Enough to keep a loopback connection busy; brokers allow 100 (Mosquitto) to 1,000 (HiveMQ). */
  private static final int MAX_WINDOW = 1_000;
  /** MQTT 5's default when the broker names no receive maximum. */
  private static final int DEFAULT_RECEIVE_MAXIMUM = 65_535;

  private final MqttAsyncClient client;
  private final String topic;
  private final Semaphore window;
  private final int windowSize;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final MqttActionListener acknowledged = new MqttActionListener() {
    @Override
    public void onSuccess(IMqttToken token) {
      window.release();
    }

    @Override
    public void onFailure(IMqttToken token, Throwable error) {
      failure.compareAndSet(null, error);
      window.release();
    }
  };

  private PahoPublisher(MqttAsyncClient client, String topic, int windowSize) {
    this.client = client;
    this.topic = topic;
    this.windowSize = windowSize;
    this.window = new Semaphore(windowSize);
  }

  static PahoPublisher connect(String brokerUrl, String clientId, String topic) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    IMqttToken connected = client.connect(options);
    connected.waitForCompletion(10_000);
    Integer receiveMaximum = connected.getResponseProperties().getReceiveMaximum();
    int brokerWindow = receiveMaximum == null ? DEFAULT_RECEIVE_MAXIMUM : receiveMaximum;
    return new PahoPublisher(client, topic, Math.min(MAX_WINDOW, brokerWindow));
  }

  /** Sends one message, first waiting for room in the window. */
  void publish(String payload) throws MqttException, InterruptedException {
    window.acquire();
    client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false, null, acknowledged);
  }

  /** Waits until the broker has acknowledged every message; fails if it refused one. */
  void finish(Duration timeout) throws InterruptedException {
    if (!window.tryAcquire(windowSize, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("messages still unacknowledged after " + timeout);
    }
    window.release(windowSize);
    if (failure.get() != null) {
      throw new IllegalStateException("the broker refused a message", failure.get());
    }
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect().waitForCompletion(5_000);
    }
    client.close();
  }
}
