package io.parkloop.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A single-node KRaft Kafka broker ({@link EmbeddedKafka}) as its own OS process, started with
 * {@code java -cp}: what a deployed broker is to the bridge and the jobs, and what a test can
 * kill with SIGKILL. Its logs and metadata live in the data directory, so starting it again on
 * the same directory and port after a kill finds the same topics and records.
 */
public final class KafkaBrokerProcess implements AutoCloseable {
  /** What the child prints once the broker accepts clients. */
  static final String READY = "parkloop-kafka-broker ready on ";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  private final ChildJvm jvm;
  private final Path dataDir;
  private final int port;
  private final String classPath;

  private KafkaBrokerProcess(ChildJvm jvm, Path dataDir, int port, String classPath) {
    this.jvm = jvm;
    this.dataDir = dataDir;
    this.port = port;
    this.classPath = classPath;
  }

  /** The child's entry point: {@code KafkaBrokerProcess DATA_DIR PORT}; runs until SIGTERM or SIGKILL. */
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: KafkaBrokerProcess DATA_DIR PORT");
    }
    EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]), Integer.parseInt(args[1]));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      kafka.close();
      stopped.countDown();
    }, "kafka-broker-stopper"));
    System.out.println(READY + kafka.bootstrapServers());
    System.out.flush();
    stopped.await();
  }

  /**
   * Starts the broker process with this JVM's class path and returns once it accepts clients.
   *
   * @param port the client port on 127.0.0.1, or 0 for a free one
   */
  public static KafkaBrokerProcess start(Path dataDir, int port) {
    return start(dataDir, port, ChildJvm.classPathOfThisJvm());
  }

  /** As {@link #start(Path, int)}, with a class path holding parkloop's embedded module and Kafka. */
  public static KafkaBrokerProcess start(Path dataDir, int port, String classPath) {
    int brokerPort = port == 0 ? FreePorts.pick() : port;
    Path absolute = dataDir.toAbsolutePath();
    ChildJvm jvm = ChildJvm.start("kafka-broker-" + brokerPort, classPath, List.of("-Xmx512m"),
        KafkaBrokerProcess.class.getName(), List.of(absolute.toString(), Integer.toString(brokerPort)), Map.of(),
        absolute.resolve("broker.log"));
    try {
      jvm.awaitLogLine(READY + "127.0.0.1:" + brokerPort, START_TIMEOUT);
    } catch (RuntimeException e) {
      jvm.kill();
      throw e;
    }
    return new KafkaBrokerProcess(jvm, absolute, brokerPort, classPath);
  }

  /** For Kafka clients' {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return jvm.pid();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Whether the broker process still runs: a broker halts by itself when its log directory fails. */
  public boolean isAlive() {
    return jvm.isAlive();
  }

  /** The broker's output: its log lines and the ready line. */
  public String log() {
    return jvm.readLog();
  }

  /** SIGKILL: the broker gets no chance to close its logs; a later start recovers them. */
  public void kill() {
    jvm.kill();
  }

  /** Starts a new broker process on the same data directory and port, e.g. after {@link #kill}. */
  public KafkaBrokerProcess restart() {
    jvm.close();
    return start(dataDir, port, classPath);
  }

  /** SIGTERM: the broker closes its logs cleanly. */
  @Override
  public void close() {
    jvm.close();
  }
}
