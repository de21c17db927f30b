package io.parkloop.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Ports on the loopback interface, where every embedded service listens. */
public final class FreePorts {
  private static final int CONNECT_TIMEOUT_MILLIS = 500;

  private FreePorts() {}

  /**
   * Picked below Linux's ephemeral range (32768–60999 by default): a port the kernel hands out for
   * {@code bind(0)} is also what it gives outgoing connections as their local port, so between
   * picking such a port and the service binding it, a client connection of another service in
   * this JVM could take it (seen: Kafka failing to bind while PostgreSQL and HiveMQ started).
   */
  private static final int FIRST = 20_000;
  private static final int LAST = 32_000;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  /**
   * A port that was free on 127.0.0.1 a moment ago and was not handed out before in this JVM.
   * Another process could still take it before the caller binds it; that race is rare enough for
   * local runs and tests, and it lets a service be configured with its port before it starts.
   */
  public static int pick() {
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
      if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port on the loopback interface between " + FIRST + " and " + LAST);
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
  static boolean isListening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
          CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
