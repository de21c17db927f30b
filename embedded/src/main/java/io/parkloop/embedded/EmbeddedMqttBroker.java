package io.parkloop.embedded;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.embedded.EmbeddedHiveMQBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HiveMQ Community Edition inside this JVM on 127.0.0.1: MQTT 3 and 5 with shared
 * subscriptions. Persistent sessions and the messages queued for them live in the data
 * folder given to {@link #start}, so they survive a restart on the same folder.
 */
public final class EmbeddedMqttBroker implements MqttBroker {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedMqttBroker.class);
  private static final long START_TIMEOUT_SECONDS = 60;

  /*
   * "Lose nothing" under bursts, within HiveMQ CE's limits (its config.xsd has no unlimited):
   * - max-queue-size 1,000,000 (default 1,000): QoS 1 messages kept per client, or per shared
   *   subscription group, while the subscriber is offline or behind its receive maximum. A
   *   park of 1,000 meters reporting each minute fills it in about 16 hours, so a stopped
   *   ingest bridge can catch up after a night. Past it HiveMQ drops (strategy discard: the
   *   newest) and logs it; the queue lives on disk (persistence mode file), not in the heap.
   * - server-receive-maximum 1,000 (default 10): QoS 1 messages a publisher may have awaiting
   *   PUBACK, so a gateway flushing its backlog after a reconnect is not held to 10 at a time.
   * - session and message expiry keep their defaults, which are the MQTT maxima (never expire).
   * - anonymous usage statistics off: this machine has no business calling out.
   * - in-flight window 1,000 (see IN_FLIGHT_WINDOW), which config.xml cannot set.
   */
  private static final String CONFIG_TEMPLATE = """
      <?xml version="1.0"?>
      <!-- written by parkloop's EmbeddedMqttBroker at each start; see the class for the values -->
      <hivemq>
        <listeners>
          <tcp-listener>
            <port>%d</port>
            <bind-address>127.0.0.1</bind-address>
          </tcp-listener>%s
        </listeners>
        <mqtt>
          <queued-messages>
            <max-queue-size>1000000</max-queue-size>
            <strategy>discard</strategy>
          </queued-messages>
          <receive-maximum>
            <server-receive-maximum>1000</server-receive-maximum>
          </receive-maximum>
          <shared-subscriptions>
            <enabled>true</enabled>
          </shared-subscriptions>
        </mqtt>
        <persistence>
          <mode>file</mode>
        </persistence>
        <anonymous-usage-statistics>
          <enabled>false</enabled>
        </anonymous-usage-statistics>
      </hivemq>
      """;

  /*
   * HiveMQ CE sends a subscriber at most 50 unacknowledged QoS 1 messages, whatever receive
   * maximum the client asks for, and reads a shared subscription's next batch only once all of
   * them are acknowledged. The ingest bridge acknowledges after Kafka did (~10 ms), so with 50
   * it forwards under 1,000 messages/s and a gateway's backlog flush takes minutes. 1,000 (the
   * server receive maximum above) lets it keep up with the fastest publisher. The two settings
   * are internal (public static fields, read each time a client is served), not configuration.
   */
  private static final int IN_FLIGHT_WINDOW = 1_000;

  /** A TLS listener that requires a client certificate issued by the CA of the trust store. */
  private static final String TLS_LISTENER = """

          <tls-tcp-listener>
            <port>%d</port>
            <bind-address>127.0.0.1</bind-address>
            <tls>
              <keystore>
                <path>%s</path>
                <password>%s</password>
                <private-key-password>%s</private-key-password>
              </keystore>
              <truststore>
                <path>%s</path>
                <password>%s</password>
              </truststore>
              <client-authentication-mode>REQUIRED</client-authentication-mode>
            </tls>
          </tls-tcp-listener>""";

  private final EmbeddedHiveMQ hivemq;
  private final int port;
  private final int tlsPort;
  private boolean closed;

  private EmbeddedMqttBroker(EmbeddedHiveMQ hivemq, int port, int tlsPort) {
    this.hivemq = hivemq;
    this.port = port;
    this.tlsPort = tlsPort;
  }

  /**
   * Starts HiveMQ and returns once it accepts connections.
   *
   * @param dataDir created if missing; holds config.xml, the persistent data and the
   *     (empty) extensions folder
   * @param port the MQTT port on 127.0.0.1, or 0 for a free one
   */
  public static EmbeddedMqttBroker start(Path dataDir, int port) {
    return start(dataDir, port, null);
  }

  /**
   * As {@link #start(Path, int)}, but with no anonymous access: only the accounts of
   * {@code security} log in, each limited to its own topics (see {@link HiveMqAccessExtension}).
   *
   * @param security null for anonymous access to every topic
   */
  public static EmbeddedMqttBroker start(Path dataDir, int port, MqttSecurity security) {
    long started = System.nanoTime();
    int brokerPort = port == 0 ? FreePorts.pick() : port;
    int tlsPort = security == null || security.tls() == null ? -1
        : security.tlsPort() == 0 ? FreePorts.pick() : security.tlsPort();
    Path dataFolder = dataDir.resolve("data");
    Path extensionsFolder = dataDir.resolve("extensions");
    try {
      // HiveMQ refuses to start when these folders do not exist yet.
      Files.createDirectories(dataFolder);
      Files.createDirectories(extensionsFolder);
      Files.writeString(dataDir.resolve("config.xml"),
          CONFIG_TEMPLATE.formatted(brokerPort, tlsListener(security, tlsPort)), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare HiveMQ's folder " + dataDir, e);
    }
    InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = IN_FLIGHT_WINDOW;
    InternalConfigurations.PUBLISH_POLL_BATCH_SIZE = IN_FLIGHT_WINDOW;
    EmbeddedHiveMQBuilder builder = EmbeddedHiveMQ.builder()
        .withConfigurationFolder(dataDir)
        .withDataFolder(dataFolder)
        .withExtensionsFolder(extensionsFolder)
        // keep the application's logback configuration instead of HiveMQ's own
        .withoutLoggingBootstrap();
    if (security != null) {
      builder.withEmbeddedExtension(HiveMqAccessExtension.of(security.accounts()));
    }
    EmbeddedHiveMQ hivemq = builder.build();
    try {
      hivemq.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      closeQuietly(hivemq);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("HiveMQ did not start on 127.0.0.1:" + brokerPort, e);
    }
    log.info("HiveMQ started on 127.0.0.1:{}{} with data in {} in {} ms", brokerPort,
        security == null ? " (anonymous access)" : " (accounts only)" + (tlsPort > 0 ? ", TLS on " + tlsPort : ""),
        dataDir, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return new EmbeddedMqttBroker(hivemq, brokerPort, tlsPort);
  }

  private static String tlsListener(MqttSecurity security, int tlsPort) {
    if (tlsPort < 0) {
      return "";
    }
    MqttTlsFiles tls = security.tls();
    return TLS_LISTENER.formatted(tlsPort, tls.serverKeyStore().toAbsolutePath(), tls.storePassword(),
        tls.storePassword(), tls.trustStore().toAbsolutePath(), tls.storePassword());
  }

  private static void closeQuietly(EmbeddedHiveMQ hivemq) {
    try {
      hivemq.close();
    } catch (Exception e) {
      log.warn("HiveMQ did not close cleanly after a failed start", e);
    }
  }

  @Override
  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The TLS listener's address, {@code ssl://127.0.0.1:<port>}; only when started with TLS. */
  public String tlsUrl() {
    if (tlsPort < 0) {
      throw new IllegalStateException("HiveMQ was started without a TLS listener");
    }
    return "ssl://127.0.0.1:" + tlsPort;
  }

  /** Stops HiveMQ, which flushes its persistent sessions and queues to the data folder. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      hivemq.close();
    } catch (ExecutionException e) {
      throw new IllegalStateException("HiveMQ did not stop cleanly", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping HiveMQ", e);
    }
    log.info("HiveMQ on 127.0.0.1:{} stopped", port);
  }
}
