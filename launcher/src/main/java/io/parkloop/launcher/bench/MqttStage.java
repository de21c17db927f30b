package io.parkloop.launcher.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The broker alone: the load generator (its own process, as in the end-to-end run) publishes
 * the fleet's gateway payloads as fast as the broker acknowledges them, with QoS 1, to a topic
 * the bridge does not read; a Paho subscriber with QoS 1 counts the readings that arrive.
 */
final class MqttStage {
  private static final String ROOT = "parkloop-bench/stage/";

  private MqttStage() {}

  static StageResults.Stage run(String mqttUrl, String broker, Path reference, String prefix, long readings, Path workDir)
      throws Exception {
    AtomicLong received = new AtomicLong();
    MqttAsyncClient subscriber = new MqttAsyncClient(mqttUrl, "parkloop-bench-stage-subscriber", new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    subscriber.setCallback(new MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        received.addAndGet(readingsIn(message.getPayload()));
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
    subscriber.connect(options).waitForCompletion(30_000);
    subscriber.subscribe(new MqttSubscription[] {new MqttSubscription(ROOT + "#", 1)}).waitForCompletion(30_000);
    try {
      long startAt = System.currentTimeMillis() + 500;
      GeneratorProcess generator = GeneratorProcess.start(new GeneratorProcess.Plan(mqttUrl, reference, prefix,
          1e9, TimeUnit.MINUTES.toMillis(10), startAt, 0, ROOT, readings), workDir.resolve("generator-stage"));
      GeneratorSummary sent = generator.await(900);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (received.get() < sent.readings() && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      double seconds = (System.currentTimeMillis() - startAt) / 1000.0;
      return new StageResults.Stage("mqtt", "Paho publish (separate process, QoS 1) → " + broker + " → Paho subscriber",
          received.get(), 0, round(seconds), round(received.get() / seconds));
    } finally {
      subscriber.disconnect().waitForCompletion(5_000);
      subscriber.close();
    }
  }

  /** Readings in a gateway payload: one per JSON object. */
  private static long readingsIn(byte[] payload) {
    long objects = 0;
    for (byte b : payload) {
      if (b == '{') {
        objects++;
      }
    }
    return objects;
  }

  static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
