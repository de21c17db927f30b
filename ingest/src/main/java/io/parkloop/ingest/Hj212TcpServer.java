package io.parkloop.ingest;

import io.parkloop.ingest.hj212.Hj212Framer;
import io.parkloop.ingest.hj212.Hj212Replies;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes HJ 212 packets from analysers the way they reach a platform: many long-lived TCP
 * connections, each sending packets split across reads or packed several to a read. Every frame
 * goes through {@link Hj212Ingest} into Kafka; a packet whose Flag asks for a reply gets it on its
 * own connection once Kafka has acknowledged the packet's records, so the acknowledgement means
 * the data is safe. A packet that is never answered (the connection dropped, the server stopped)
 * is sent again by the analyser, and downstream counts the duplicate once.
 *
 * <p>One selector thread serves all connections with non-blocking I/O; Kafka sends run on a
 * thread of their own. Whatever one client does (garbage, a half frame then a reset, never
 * reading its replies, flooding) costs only its own connection: errors close that connection,
 * and a client that outpaces Kafka is held back by TCP alone (see
 * {@link Hj212TcpServerConfig#maxUnansweredPackets()}).
 */
public final class Hj212TcpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Hj212TcpServer.class);
  /** Large enough for a burst of frames; the framer copies what it keeps, so one buffer serves all. */
  private static final int READ_BUFFER_BYTES = 64 * 1024;
  /** Pending connections the OS may queue: after a restart, every analyser reconnects at once. */
  private static final int ACCEPT_BACKLOG = 1024;
  private static final long JOIN_MILLIS = 5_000;

  private final Hj212TcpServerConfig config;
  private final Hj212Ingest ingest;
  private final RetryingKafkaSender sender;
  private final IngestMetrics metrics;
  private final Clock clock;
  private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
  /** Connections whose packets Kafka has just taken, for the selector thread to answer. */
  private final Queue<Hj212Connection> answerable = new ConcurrentLinkedQueue<>();
  private volatile boolean running;
  private Selector selector;
  private ServerSocketChannel listener;
  private Thread loop;
  private int port;
  /** Open connections; selector thread only. */
  private int open;

  /**
   * @param producer Kafka producer to send the records with; flushed, not closed, by
   *     {@link #close()}
   * @param clock gives each packet its received-at time
   */
  public Hj212TcpServer(Hj212TcpServerConfig config, Hj212Ingest ingest, Producer<byte[], byte[]> producer,
      IngestMetrics metrics, Clock clock) {
    this.config = config;
    this.ingest = ingest;
    this.metrics = metrics;
    this.clock = clock;
    this.sender = new RetryingKafkaSender(producer, metrics, "hj212-tcp-kafka");
  }

  /** Binds the configured address and starts serving. */
  public void start() throws IOException {
    if (loop != null) {
      throw new IllegalStateException("already started");
    }
    selector = Selector.open();
    try {
      listener = ServerSocketChannel.open();
      listener.bind(new InetSocketAddress(config.host(), config.port()), ACCEPT_BACKLOG);
      listener.configureBlocking(false);
      listener.register(selector, SelectionKey.OP_ACCEPT);
      port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
    } catch (IOException e) {
      selector.close();
      if (listener != null) {
        listener.close();
      }
      throw e;
    }
    running = true;
    loop = new Thread(this::serve, "hj212-tcp-" + port);
    loop.setDaemon(true);
    loop.start();
    LOG.info("HJ 212 analysers can connect to {}:{}", config.host(), port);
  }

  /** The port listened on, the bound one when the configuration asked for any free port. */
  public int port() {
    if (loop == null) {
      throw new IllegalStateException("not started");
    }
    return port;
  }

  private void serve() {
    long idleNanos = config.idleTimeout().toNanos();
    long frameNanos = config.maxFrameTime().toNanos();
    // Often enough that a connection outlives its timeouts by a quarter at most.
    long shortest = Math.min(config.idleTimeout().toMillis(), config.maxFrameTime().toMillis());
    long sweepMillis = Math.max(10, Math.min(1_000, shortest / 4));
    long nextSweep = System.nanoTime() + sweepMillis * 1_000_000;
    try {
      while (running) {
        selector.select(this::onReady, sweepMillis);
        answerTakenPackets();
        long now = System.nanoTime();
        if (now - nextSweep >= 0) {
          closeIdleOrDripping(now, idleNanos, frameNanos);
          nextSweep = now + sweepMillis * 1_000_000;
        }
      }
    } catch (IOException | RuntimeException e) { // a connection's own failures stop at handle()
      LOG.error("HJ 212 server on port {} stopped", port, e);
    } finally {
      closeAll();
    }
  }

  private void onReady(SelectionKey key) {
    if (key.channel() == listener) {
      acceptAll();
      return;
    }
    Hj212Connection connection = (Hj212Connection) key.attachment();
    handle(connection, () -> {
      if (key.isReadable()) {
        for (byte[] frame : connection.read(readBuffer)) {
          forward(connection, frame);
        }
      }
      connection.writeReplies();
    });
  }

  private void acceptAll() {
    try {
      SocketChannel channel;
      while ((channel = listener.accept()) != null) {
        if (open >= config.maxConnections()) {
          refuse(channel);
        } else {
          register(channel);
        }
      }
    } catch (IOException e) { // e.g. out of file descriptors; the next select tries again
      LOG.warn("could not accept an HJ 212 connection: {}", e.toString());
    }
  }

  private void refuse(SocketChannel channel) {
    metrics.tcpConnectionRefused();
    LOG.warn("refused an HJ 212 connection from {}: {} connections open already",
        addressOf(channel), config.maxConnections());
    closeQuietly(channel);
  }

  private void register(SocketChannel channel) {
    try {
      String source = "tcp:" + describe(channel.getRemoteAddress());
      channel.configureBlocking(false);
      // replies are small and the analyser waits for each one
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
      key.attach(new Hj212Connection(channel, key, source, new Hj212Framer(config.maxFrameBytes()),
          config.maxUnansweredPackets(), metrics));
      open++;
      metrics.tcpConnectionOpened();
      LOG.debug("{} connected ({} open)", source, open);
    } catch (IOException e) { // the client left before it was set up
      LOG.debug("dropped a connection while setting it up: {}", e.toString());
      closeQuietly(channel);
    }
  }

  /** Sends the frame's records to Kafka and queues its reply to be written once Kafka has them all. */
  private void forward(Hj212Connection connection, byte[] frame) {
    Hj212Ingest.Outcome outcome = ingest.ingest(frame, connection.source(), clock.instant());
    byte[] reply = outcome.packet().flatMap(Hj212Replies::replyTo).orElse(null);
    Hj212Connection.PendingPacket packet = connection.expect(reply, outcome.records().size());
    for (ProducerRecord<byte[], byte[]> record : outcome.records()) {
      sender.send(record, () -> {
        if (packet.recordTaken()) {
          answerable.add(connection);
          selector.wakeup();
        }
      });
    }
  }

  private void answerTakenPackets() {
    Hj212Connection connection;
    while ((connection = answerable.poll()) != null) {
      if (connection.isOpen()) {
        handle(connection, connection::writeReplies);
      }
    }
  }

  /** Runs {@code step} on one connection; whatever goes wrong closes that connection alone. */
  private void handle(Hj212Connection connection, ConnectionStep step) {
    try {
      step.run();
      if (connection.finished()) {
        disconnect(connection, "closed by the client, everything answered");
      } else {
        connection.updateInterest();
      }
    } catch (IOException e) {
      disconnect(connection, e.toString());
    } catch (RuntimeException e) {
      LOG.warn("closing {} after an unexpected error", connection.source(), e);
      disconnect(connection, e.toString());
    }
  }

  @FunctionalInterface
  private interface ConnectionStep {
    void run() throws IOException;
  }

  private void closeIdleOrDripping(long now, long idleNanos, long frameNanos) {
    for (Hj212Connection connection : connections()) {
      if (connection.idle(now, idleNanos)) {
        disconnect(connection, "silent for " + config.idleTimeout());
      } else if (connection.frameOverdue(now, frameNanos)) {
        byte[] partial = connection.takePartialFrame();
        LOG.warn("closing {}: a frame it began is not complete after {} ({} bytes so far, dead-lettered)",
            connection.source(), config.maxFrameTime(), partial.length);
        if (partial.length > 0) {
          forward(connection, partial);
        }
        disconnect(connection, "frame not complete within " + config.maxFrameTime());
      }
    }
  }

  private List<Hj212Connection> connections() {
    List<Hj212Connection> connections = new ArrayList<>();
    for (SelectionKey key : selector.keys()) {
      if (key.attachment() instanceof Hj212Connection connection && connection.isOpen()) {
        connections.add(connection);
      }
    }
    return connections;
  }

  private void disconnect(Hj212Connection connection, String why) {
    if (!connection.isOpen()) {
      return;
    }
    open--;
    metrics.tcpConnectionClosed();
    connection.close();
    LOG.debug("{} disconnected: {} ({} open)", connection.source(), why, open);
  }

  private void closeAll() {
    running = false;
    for (Hj212Connection connection : connections()) {
      disconnect(connection, "server stopping");
    }
    closeQuietly(listener);
    closeQuietly(selector);
  }

  /** Stops accepting and closes every connection, then gives Kafka the records already read. */
  @Override
  public void close() {
    running = false;
    if (loop != null) {
      selector.wakeup();
      try {
        loop.join(JOIN_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    sender.close();
  }

  /** {@code host:port} of the peer, IPv6 hosts in brackets; the dead-letter source names it. */
  private static String describe(SocketAddress address) {
    if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
      String host = inet.getAddress().getHostAddress();
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
    }
    return String.valueOf(address);
  }

  private static String addressOf(SocketChannel channel) {
    try {
      return describe(channel.getRemoteAddress());
    } catch (IOException e) {
      return "a client already gone";
    }
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }
}
