package io.parkloop.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster (KRaft, broker and controller in one) inside this JVM, on
 * 127.0.0.1. Its logs and metadata live in the data directory given to {@link #start}, so a
 * later start on the same directory finds the same topics and records.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String CLUSTER_ID_FILE = "cluster.id";
  private static final long ADMIN_TIMEOUT_SECONDS = 30;

  private final KafkaRaftServer server;
  private final int port;
  private boolean closed;

  private EmbeddedKafka(KafkaRaftServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts the broker and returns once it accepts clients.
   *
   * @param dataDir created if missing; holds the logs, the metadata and the cluster id
   * @param port the client port on 127.0.0.1, or 0 for a free one
   */
  public static EmbeddedKafka start(Path dataDir, int port) {
    long started = System.nanoTime();
    int brokerPort = port == 0 ? FreePorts.pick() : port;
    int controllerPort = FreePorts.pick();
    while (controllerPort == brokerPort) {
      controllerPort = FreePorts.pick();
    }
    Properties properties = serverProperties(dataDir.resolve("logs"), brokerPort, controllerPort);
    Path configFile = dataDir.resolve("server.properties");
    try {
      Files.createDirectories(dataDir);
      try (OutputStream out = Files.newOutputStream(configFile)) {
        properties.store(out, "written by parkloop's EmbeddedKafka at each start");
      }
      format(clusterId(dataDir), configFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare Kafka's data directory " + dataDir, e);
    }
    KafkaRaftServer server =
        new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
    server.startup();
    log.info("Kafka started on 127.0.0.1:{} with data in {} in {} ms", brokerPort, dataDir,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return new EmbeddedKafka(server, brokerPort);
  }

  private static Properties serverProperties(Path logDir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.setProperty("listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
    // One node: the internal topics cannot have the default three replicas.
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    // No other consumers to wait for: a group's first member gets its partitions at once.
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    return p;
  }

  /** The cluster id of this data directory: made at the first start, read at every later one. */
  private static String clusterId(Path dataDir) throws IOException {
    Path file = dataDir.resolve(CLUSTER_ID_FILE);
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
    String id = Uuid.randomUuid().toString();
    Files.writeString(file, id, StandardCharsets.UTF_8);
    return id;
  }

  /** Formats the log directory unless an earlier start did ({@code --ignore-formatted}). */
  private static void format(String clusterId, Path configFile) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      exitCode = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c",
          configFile.toString(), "--ignore-formatted"}, printStream);
    }
    if (exitCode != 0) {
      throw new IllegalStateException("formatting Kafka's storage failed (exit code " + exitCode
          + "): " + output.toString(StandardCharsets.UTF_8));
    }
  }

  /** For Kafka clients' {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /**
   * Creates the topics that do not exist yet, each with the given number of partitions and
   * one replica; topics that exist are left as they are, whatever their partition count.
   */
  public void createTopics(Map<String, Integer> partitionsByTopic) {
    try (Admin admin = Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      Set<String> existing = new HashSet<>(
          admin.listTopics().names().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS));
      List<NewTopic> missing = partitionsByTopic.entrySet().stream()
          .filter(e -> !existing.contains(e.getKey()))
          .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
          .toList();
      for (var result : admin.createTopics(missing).values().values()) {
        awaitCreated(result);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot list or create topics " + partitionsByTopic.keySet(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /** Waits for one topic's creation; another client creating it meanwhile is just as good. */
  private static void awaitCreated(KafkaFuture<Void> result)
      throws ExecutionException, TimeoutException, InterruptedException {
    try {
      result.get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  /** Stops the broker and waits until its logs are closed, so the next start recovers nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
    log.info("Kafka on 127.0.0.1:{} stopped", port);
  }
}
