package io.parkloop.ingest;

import io.parkloop.ingest.hj212.Hj212Framer;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the HJ 212 TCP server listens.
 *
 * @param host the address to bind: {@code 0.0.0.0} to take analysers from the network,
 *     {@code 127.0.0.1} for local runs and tests
 * @param port the port to bind, 0 for any free one ({@link Hj212TcpServer#port()} tells which)
 * @param idleTimeout how long a connection may stay silent before it is closed; analysers send
 *     at least a heartbeat or minute data well within the default 10 minutes
 * @param maxConnections connections beyond this are closed as soon as they are accepted, so a
 *     reconnect storm cannot exhaust file descriptors
 * @param maxFrameBytes the framer's limit; longer frames are cut and dead-lettered
 * @param maxUnansweredPackets how many packets of one connection may wait for Kafka or for their
 *     reply to be written before the server stops reading from it; this bounds the memory one
 *     connection can hold and pushes back on that client alone over TCP
 * @param maxFrameTime how long a frame may take from its first byte to its CRLF; a client
 *     dripping bytes slower than that is closed (its bytes dead-lettered), so it cannot keep a
 *     connection slot without ever being silent. Analysers send a packet in one go, in well
 *     under a second; the default is a minute
 */
public record Hj212TcpServerConfig(String host, int port, Duration idleTimeout, int maxConnections,
    int maxFrameBytes, int maxUnansweredPackets, Duration maxFrameTime) {

  public Hj212TcpServerConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, not " + port);
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive, not " + idleTimeout);
    }
    if (maxFrameTime.isNegative() || maxFrameTime.isZero()) {
      throw new IllegalArgumentException("maxFrameTime must be positive, not " + maxFrameTime);
    }
    if (maxConnections < 1 || maxUnansweredPackets < 1) {
      throw new IllegalArgumentException("maxConnections and maxUnansweredPackets must be at least 1");
    }
    if (maxFrameBytes < 4) {
      throw new IllegalArgumentException("maxFrameBytes must hold at least ## and CRLF");
    }
  }

  public static Hj212TcpServerConfig defaults(String host, int port) {
    return new Hj212TcpServerConfig(host, port, Duration.ofMinutes(10), 10_000,
        Hj212Framer.MAX_FRAME_BYTES, 64, Duration.ofMinutes(1));
  }

  public Hj212TcpServerConfig withIdleTimeout(Duration timeout) {
    return new Hj212TcpServerConfig(host, port, timeout, maxConnections, maxFrameBytes, maxUnansweredPackets,
        maxFrameTime);
  }

  public Hj212TcpServerConfig withMaxConnections(int max) {
    return new Hj212TcpServerConfig(host, port, idleTimeout, max, maxFrameBytes, maxUnansweredPackets,
        maxFrameTime);
  }

  public Hj212TcpServerConfig withMaxUnansweredPackets(int max) {
    return new Hj212TcpServerConfig(host, port, idleTimeout, maxConnections, maxFrameBytes, max, maxFrameTime);
  }

  public Hj212TcpServerConfig withMaxFrameTime(Duration time) {
    return new Hj212TcpServerConfig(host, port, idleTimeout, maxConnections, maxFrameBytes, maxUnansweredPackets,
        time);
  }
}
