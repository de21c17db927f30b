package io.parkloop.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * A {@link TestBridge} in a JVM of its own, so that a test can kill it the way a crash or the
 * OOM killer does (SIGKILL): no MQTT DISCONNECT, no Kafka flush, no acknowledgement sent late;
 * whatever it had in flight is simply gone. Its output goes to the test's, prefixed.
 */
final class BridgeProcess implements AutoCloseable {
  private static final String READY = "bridge process ready";
  private static final String MESSAGES_IN = "messages in: ";
  private static final long START_TIMEOUT_SECONDS = 60;
  private static final long REPORT_EVERY_MILLIS = 20;
  /**
   * The producer writes a batch to Kafka once it holds 16 KB (about 150 readings) for one
   * partition, and holds a smaller one for a minute: a crash always finds readings the bridge
   * took from the broker but did not write. Had it acknowledged their messages already, the
   * broker would not deliver them again and they would be lost.
   */
  private static final Map<String, String> HOLDING_PRODUCER = Map.of(
      ProducerConfig.LINGER_MS_CONFIG, "60000",
      ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(16 * 1024));

  private final Process process;
  private final AtomicLong messagesIn;

  private BridgeProcess(Process process, AtomicLong messagesIn) {
    this.process = process;
    this.messagesIn = messagesIn;
  }

  /**
   * The child: {@code <mqtt url> <client id> <kafka> <readings topic> <dead-letters topic>}. It
   * reports how many messages its bridge took, until killed.
   */
  public static void main(String[] args) throws Exception {
    TestBridge bridge = TestBridge.start(args[0], args[1], args[2], new IngestTopics(args[3], args[4]),
        HOLDING_PRODUCER);
    System.out.println(READY);
    while (true) {
      System.out.println(MESSAGES_IN + bridge.metrics().messagesIn());
      Thread.sleep(REPORT_EVERY_MILLIS);
    }
  }

  /** Starts the child and returns once its bridge is connected and subscribed. */
  static BridgeProcess start(String mqttUrl, String clientId, String kafka, IngestTopics topics)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        BridgeProcess.class.getName(), mqttUrl, clientId, kafka, topics.readings(), topics.deadLetters())
        .redirectErrorStream(true)
        .start();
    CountDownLatch ready = new CountDownLatch(1);
    AtomicLong messagesIn = new AtomicLong();
    Thread output = new Thread(() -> relay(process, ready, messagesIn), "bridge-process-output");
    output.setDaemon(true);
    output.start();
    if (!ready.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("the bridge process did not start; its output is above");
    }
    return new BridgeProcess(process, messagesIn);
  }

  private static void relay(Process process, CountDownLatch ready, AtomicLong messagesIn) {
    try (var lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith(MESSAGES_IN)) {
          messagesIn.set(Long.parseLong(line.substring(MESSAGES_IN.length())));
          continue;
        }
        System.out.println("[bridge process] " + line);
        if (line.equals(READY)) {
          ready.countDown();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the bridge has taken {@code count} messages from the broker. */
  void awaitMessagesIn(long count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (messagesIn.get() < count) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new IllegalStateException("the bridge process took " + messagesIn.get() + " of " + count
            + " messages");
      }
      Thread.sleep(REPORT_EVERY_MILLIS);
    }
  }

  /** SIGKILL, and waits until the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
