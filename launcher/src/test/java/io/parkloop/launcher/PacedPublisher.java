package io.parkloop.launcher;

import io.parkloop.launcher.CrashDataSet.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway that publishes the data set at an even pace over a given time, with QoS 1, each
 * message once: it returns from a publication only when the broker acknowledged it. The test
 * can hold it between two messages (while it restarts the broker) and wait for the n-th message.
 */
final class PacedPublisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PacedPublisher.class);
  private static final long TIMEOUT_MILLIS = 10_000;

  private final MqttAsyncClient client;
  private final List<Message> messages;
  private final long nanosPerMessage;
  private final ReentrantLock gate = new ReentrantLock();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private volatile int published;
  private volatile boolean closed;

  private PacedPublisher(MqttAsyncClient client, List<Message> messages, Duration over) {
    this.client = client;
    this.messages = messages;
    this.nanosPerMessage = over.toNanos() / messages.size();
  }

  static PacedPublisher start(String mqttUrl, List<Message> messages, Duration over) throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(mqttUrl, "crash-it-gateway", new MemoryPersistence());
    client.connect(options()).waitForCompletion(TIMEOUT_MILLIS);
    PacedPublisher publisher = new PacedPublisher(client, messages, over);
    Thread thread = new Thread(publisher::publishAll, "crash-it-gateway");
    thread.setDaemon(true);
    thread.start();
    return publisher;
  }

  private static MqttConnectionOptions options() {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setConnectionTimeout(5);
    return options;
  }

  private void publishAll() {
    long start = System.nanoTime();
    try {
      for (int i = 0; i < messages.size() && !closed; i++) {
        long due = start + i * nanosPerMessage;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        gate.lock();
        try {
          publish(messages.get(i));
        } finally {
          gate.unlock();
        }
        published = i + 1;
      }
      done.complete(null);
    } catch (Exception e) {
      done.completeExceptionally(e);
    }
  }

  private void publish(Message message) throws MqttException {
    if (!client.isConnected()) {
      // the broker was restarted while the gateway was held: a fresh connection, as a device would
      client.connect(options()).waitForCompletion(TIMEOUT_MILLIS);
    }
    for (int refused = 0; ; refused++) {
      try {
        client.publish(message.topic(), message.payload().getBytes(StandardCharsets.UTF_8), 1, false)
            .waitForCompletion(TIMEOUT_MILLIS);
        return;
      } catch (MqttException e) {
        // Paho refuses before sending anything when it counts the broker's window as full
        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || refused == 100) {
          throw e;
        }
        LOG.warn("Paho counts {} publications in flight; waiting", e.getMessage());
        sleep(100);
      }
    }
  }

  private static void sleep(long millis) throws MqttException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MqttException(e);
    }
  }

  int published() {
    return published;
  }

  int total() {
    return messages.size();
  }

  /** Waits until at least {@code count} messages were acknowledged by the broker. */
  void awaitPublished(int count) throws InterruptedException {
    while (published < count && !done.isDone()) {
      Thread.sleep(20);
    }
  }

  /** Runs {@code action} between two publications: no message is half-sent meanwhile. */
  void whileHeld(Action action) throws Exception {
    gate.lock();
    try {
      action.run();
    } finally {
      gate.unlock();
    }
  }

  /** Waits until every message was published; fails with the gateway's error if it gave up. */
  void awaitDone(Duration timeout) throws Exception {
    done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("gateway published all {} messages", messages.size());
  }

  @Override
  public void close() throws MqttException {
    closed = true;
    gate.lock();
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(TIMEOUT_MILLIS);
      }
      client.close();
    } finally {
      gate.unlock();
    }
  }

  /** Something the test does while the gateway is held. */
  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }
}
