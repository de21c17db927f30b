package io.parkloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.ingest.hj212.Hj212Decoder;
import io.parkloop.ingest.hj212.Hj212Framer;
import io.parkloop.ingest.hj212.Hj212Packet;
import io.parkloop.ingest.hj212.Hj212Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/** An analyser's end of a TCP connection, for tests: writes packets however cut, reads replies. */
final class AnalyserClient implements AutoCloseable {
  /** Long enough for a busy CI machine, short enough that a missing reply fails fast. */
  private static final int READ_TIMEOUT_MILLIS = 5_000;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final Hj212Framer framer = new Hj212Framer();
  private final Deque<byte[]> framesReceived = new ArrayDeque<>();
  private final byte[] buffer = new byte[4096];

  AnalyserClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true); // so each write leaves as its own segment and the server sees the cuts
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** The source the server records for this connection's packets. */
  String source() {
    return "tcp:127.0.0.1:" + socket.getLocalPort();
  }

  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Writes {@code stream} in pieces of 1 to {@code maxPiece} bytes: packets split and packed. */
  void sendInPieces(byte[] stream, Random random, int maxPiece) throws IOException {
    for (int at = 0; at < stream.length; ) {
      int piece = Math.min(stream.length - at, 1 + random.nextInt(maxPiece));
      send(Arrays.copyOfRange(stream, at, at + piece));
      at += piece;
    }
  }

  /** The next packet the server writes back. */
  Hj212Packet nextReply() throws IOException {
    while (framesReceived.isEmpty()) {
      int read = in.read(buffer);
      assertThat(read).as("server closed the connection before replying").isPositive();
      framesReceived.addAll(framer.feed(buffer, 0, read));
    }
    return decode(framesReceived.poll());
  }

  /** Closes the sending side and reads every reply until the server, having answered all, closes. */
  List<Hj212Packet> finish() throws IOException {
    socket.shutdownOutput();
    for (int read; (read = in.read(buffer)) >= 0; ) {
      framesReceived.addAll(framer.feed(buffer, 0, read));
    }
    List<Hj212Packet> replies = new ArrayList<>();
    while (!framesReceived.isEmpty()) {
      replies.add(decode(framesReceived.poll()));
    }
    return replies;
  }

  /** Nothing has come back yet (nothing read, nothing waiting in the socket). */
  boolean nothingReceived() throws IOException {
    return framesReceived.isEmpty() && in.available() == 0;
  }

  /** True when the server closes the connection without writing anything first. */
  boolean closedByServer() throws IOException {
    return in.read() < 0;
  }

  /** Drops the connection with a reset, as a crashing device or a cut line does. */
  void abort() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private static Hj212Packet decode(byte[] frame) {
    Hj212Result result = new Hj212Decoder().decode(frame);
    assertThat(result).as("a reply the server wrote").isInstanceOf(Hj212Packet.class);
    return (Hj212Packet) result;
  }
}
