package io.parkloop.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debian's Mosquitto ({@code apt-get install mosquitto}) as a child process on 127.0.0.1: a
 * second, widely deployed broker to check the MQTT clients against, besides HiveMQ. Its
 * persistence file lives in the data directory given to {@link #start}.
 *
 * <p>Mosquitto 2.0.11 (Debian 12) writes to that file only the sessions of clients that
 * connected with clean start false: a session begun with clean start true is gone after a
 * restart, whatever its session expiry interval. A durable subscriber must therefore connect
 * with clean start false from its very first connection.
 */
public final class MosquittoBroker implements MqttBroker {
  private static final Logger log = LoggerFactory.getLogger(MosquittoBroker.class);
  /** Debian's mosquitto package; {@link RequiredTool#MOSQUITTO} lets tests check for it. */
  static final Path BINARY = Path.of("/usr/sbin/mosquitto");
  private static final long START_TIMEOUT_MILLIS = 10_000;
  private static final long STOP_TIMEOUT_SECONDS = 10;
  private static final String PID_FILE = "mosquitto.pid";

  /*
   * "Lose nothing" under bursts:
   * - max_queued_messages 0 and max_queued_bytes 0: no limit on the QoS 1 messages queued for a
   *   client (default 1,000 messages), so an offline persistent session misses nothing;
   * - max_inflight_messages 1,000 (default 20): unacknowledged deliveries per MQTT 3 client, and
   *   the receive maximum the broker announces to MQTT 5 publishers, so a gateway flushing its
   *   backlog after a reconnect is not held to 20 at a time (HiveMQ's server-receive-maximum
   *   is set alike); MQTT 5 subscribers set their own receive maximum;
   * - autosave_interval 5 (default 1,800 s): the in-memory store is written every 5 s, so a
   *   crash rather than a clean stop loses seconds, not half an hour;
   * - pid_file: a Mosquitto that outlived the JVM that started it (killed with SIGKILL, so no
   *   shutdown hook ran) is found by the next start on the same directory and stopped with
   *   SIGTERM, on which it saves its queue for the new one to load;
   * - user: started as root, Mosquitto would switch to a "mosquitto" user that cannot write the
   *   data directory; naming the current user keeps it as it is (and is ignored for non-root).
   */
  private static final String CONFIG_TEMPLATE = """
      # written by parkloop's MosquittoBroker at each start; see the class for the values
      listener %d 127.0.0.1
      persistence true
      persistence_location %s/
      autosave_interval 5
      max_queued_messages 0
      max_queued_bytes 0
      max_inflight_messages 1000
      pid_file %s
      user %s
      log_dest stdout
      """;

  /** No anonymous clients; the TLS listener takes a client certificate's CN as the user name. */
  private static final String SECURITY_TEMPLATE = """
      allow_anonymous false
      password_file %s
      acl_file %s
      """;
  private static final String TLS_TEMPLATE = """
      listener %d 127.0.0.1
      cafile %s
      certfile %s
      keyfile %s
      require_certificate true
      use_identity_as_username true
      """;

  private final Process process;
  private final Thread stopOnExit;
  private final int port;
  private final int tlsPort;
  private boolean closed;

  private MosquittoBroker(Process process, int port, int tlsPort) {
    this.process = process;
    this.port = port;
    this.tlsPort = tlsPort;
    // a child process would outlive a JVM that exits without closing it
    this.stopOnExit = new Thread(process::destroy, "mosquitto-" + port + "-stopper");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /** Whether Debian's mosquitto package is installed here. */
  public static boolean isInstalled() {
    return Files.isExecutable(BINARY);
  }

  /**
   * Starts Mosquitto and returns once it accepts connections.
   *
   * @param dataDir created if missing; holds mosquitto.conf, mosquitto.db and mosquitto.log
   * @param port the MQTT port on 127.0.0.1, or 0 for a free one
   */
  public static MosquittoBroker start(Path dataDir, int port) {
    return start(dataDir, port, null);
  }

  /**
   * As {@link #start(Path, int)}, but only the accounts of {@code security} log in, each limited
   * to its own topics (see {@link MosquittoAccess}).
   *
   * @param security null for anonymous access to every topic
   */
  public static MosquittoBroker start(Path dataDir, int port, MqttSecurity security) {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " is missing: apt-get install mosquitto");
    }
    long started = System.nanoTime();
    int brokerPort = port == 0 ? FreePorts.pick() : port;
    int tlsPort = security == null || security.tls() == null ? -1
        : security.tlsPort() == 0 ? FreePorts.pick() : security.tlsPort();
    // absolute: the leftover check (stopLeftover) tells this directory's broker by it, and a relative path is shared
    // by the brokers of every working directory
    Path configFile = dataDir.toAbsolutePath().resolve("mosquitto.conf");
    Path logFile = dataDir.resolve("mosquitto.log");
    Process process;
    try {
      Files.createDirectories(dataDir);
      stopLeftover(dataDir.resolve(PID_FILE), configFile);
      Files.writeString(configFile, CONFIG_TEMPLATE.formatted(brokerPort, dataDir.toAbsolutePath(),
          dataDir.toAbsolutePath().resolve(PID_FILE), System.getProperty("user.name")) + access(dataDir, security, tlsPort),
          StandardCharsets.UTF_8);
      process = new ProcessBuilder(BINARY.toString(), "-c", configFile.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + BINARY + " in " + dataDir, e);
    }
    awaitListening(process, brokerPort, logFile);
    log.info("Mosquitto started on 127.0.0.1:{} with data in {} in {} ms", brokerPort, dataDir,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    if (tlsPort > 0) {
      awaitListening(process, tlsPort, logFile);
    }
    return new MosquittoBroker(process, brokerPort, tlsPort);
  }

  /**
   * Stops a Mosquitto of this directory that an earlier JVM started and did not stop (see the
   * pid_file above): only a mosquitto process started with this directory's configuration file, so
   * a pid the system has since given to another process, another Mosquitto included, is left alone.
   */
  private static void stopLeftover(Path pidFile, Path configFile) throws IOException {
    if (Files.notExists(pidFile)) {
      return;
    }
    String text = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
    Files.delete(pidFile);
    if (!text.matches("\\d+")) {
      return;
    }
    ProcessHandle leftover = ProcessHandle.of(Long.parseLong(text))
        .filter(p -> p.info().command().map(command -> command.endsWith("/mosquitto")).orElse(false))
        .filter(p -> p.info().arguments().map(arguments -> List.of(arguments).contains(configFile.toString())).orElse(false))
        .orElse(null);
    if (leftover == null || !leftover.isAlive()) {
      return;
    }
    log.warn("a Mosquitto of {} left running by an earlier run (pid {}): stopping it, so that it saves its queue"
        + " for the new broker", pidFile.getParent(), leftover.pid());
    leftover.destroy();
    try {
      leftover.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception notInTime) {
      leftover.destroyForcibly();
      throw new IllegalStateException("the Mosquitto left running in " + pidFile.getParent() + " (pid " + leftover.pid()
          + ") did not stop on SIGTERM within " + STOP_TIMEOUT_SECONDS + " s", notInTime);
    }
  }

  private static String access(Path dataDir, MqttSecurity security, int tlsPort) {
    if (security == null) {
      return "allow_anonymous true\n";
    }
    Path acl = dataDir.toAbsolutePath().resolve("acl");
    Path passwords = dataDir.toAbsolutePath().resolve("passwd");
    MosquittoAccess.write(security.accounts(), acl, passwords);
    String config = SECURITY_TEMPLATE.formatted(passwords, acl);
    MqttTlsFiles tls = security.tls();
    if (tls == null) {
      return config;
    }
    return config + TLS_TEMPLATE.formatted(tlsPort, tls.caPem().toAbsolutePath(),
        tls.serverCertPem().toAbsolutePath(), tls.serverKeyPem().toAbsolutePath());
  }

  private static void awaitListening(Process process, int port, Path logFile) {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    while (!FreePorts.isListening(port)) {
      if (!process.isAlive() || System.currentTimeMillis() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("Mosquitto did not start on 127.0.0.1:" + port
            + "; the end of " + logFile + ":\n" + tail(logFile));
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting Mosquitto", e);
      }
    }
  }

  private static String tail(Path logFile) {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  @Override
  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The broker's process, for measuring its CPU and memory. */
  public long pid() {
    return process.pid();
  }

  /** The TLS listener's address, {@code ssl://127.0.0.1:<port>}; only when started with TLS. */
  public String tlsUrl() {
    if (tlsPort < 0) {
      throw new IllegalStateException("Mosquitto was started without a TLS listener");
    }
    return "ssl://127.0.0.1:" + tlsPort;
  }

  /** Stops Mosquitto with SIGTERM, on which it writes its persistence file. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException jvmShuttingDown) {
      // the hook is running or about to; stopping twice is harmless
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        log.warn("Mosquitto on 127.0.0.1:{} ignored SIGTERM for {} s; killing it", port,
            STOP_TIMEOUT_SECONDS);
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    log.info("Mosquitto on 127.0.0.1:{} stopped", port);
  }
}
