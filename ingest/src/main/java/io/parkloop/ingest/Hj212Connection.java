package io.parkloop.ingest;

import io.parkloop.ingest.hj212.Hj212Framer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One analyser's TCP connection as {@link Hj212TcpServer} serves it: the bytes it sends, cut into
 * frames, and the packets it is still owed an answer for. Replies go out in the order of their
 * packets, each only once Kafka has taken every record of its packet, so an analyser that gets
 * its reply knows the data is safe, and one that does not sends it again.
 *
 * <p>Used by the server's selector thread only, except {@link PendingPacket#recordTaken()}.
 */
final class Hj212Connection {
  private final SocketChannel channel;
  private final SelectionKey key;
  private final String source;
  private final Hj212Framer framer;
  private final int maxUnansweredPackets;
  private final IngestMetrics metrics;
  private final Deque<PendingPacket> unanswered = new ArrayDeque<>();
  /** The reply being written when the socket's send buffer could not take it whole. */
  private ByteBuffer replyInWriting;
  /** The client closed its side; what it sent is still answered before the connection closes. */
  private boolean inputEnded;
  private long lastActivityNanos = System.nanoTime();
  /** When the first byte of the incomplete frame now held arrived; -1 when none is held. */
  private long frameStartedNanos = -1;
  /** Not read from until Kafka takes its packets (counted in the metrics while so). */
  private boolean heldBack;

  Hj212Connection(SocketChannel channel, SelectionKey key, String source, Hj212Framer framer,
      int maxUnansweredPackets, IngestMetrics metrics) {
    this.channel = channel;
    this.key = key;
    this.source = source;
    this.framer = framer;
    this.maxUnansweredPackets = maxUnansweredPackets;
    this.metrics = metrics;
  }

  /** A packet waiting for Kafka to take its records and then for its reply, if any, to be written. */
  static final class PendingPacket {
    private final byte[] reply;
    private final AtomicInteger recordsInFlight;

    private PendingPacket(byte[] reply, int records) {
      this.reply = reply;
      this.recordsInFlight = new AtomicInteger(records);
    }

    /** Called from Kafka's thread for each record taken; true when it was the packet's last one. */
    boolean recordTaken() {
      return recordsInFlight.decrementAndGet() == 0;
    }

    private boolean safeInKafka() {
      return recordsInFlight.get() == 0;
    }
  }

  String source() {
    return source;
  }

  boolean isOpen() {
    return channel.isOpen();
  }

  /** Reads what the socket holds into {@code buffer} and returns the frames it completed. */
  List<byte[]> read(ByteBuffer buffer) throws IOException {
    buffer.clear();
    int read = channel.read(buffer);
    if (read < 0) {
      inputEnded = true;
      return List.of();
    }
    lastActivityNanos = System.nanoTime();
    List<byte[]> frames = framer.feed(buffer.array(), buffer.arrayOffset(), read);
    if (!framer.holdsPartialFrame()) {
      frameStartedNanos = -1;
    } else if (frameStartedNanos < 0 || !frames.isEmpty()) {
      frameStartedNanos = lastActivityNanos;
    }
    return frames;
  }

  /**
   * A frame begun more than {@code maxFrameNanos} ago is still incomplete: a client dripping a
   * byte now and then would otherwise hold its connection slot for ever without being silent.
   */
  boolean frameOverdue(long nowNanos, long maxFrameNanos) {
    return frameStartedNanos >= 0 && nowNanos - frameStartedNanos > maxFrameNanos;
  }

  /** The bytes of the incomplete frame, for the dead letters, when the connection is given up. */
  byte[] takePartialFrame() {
    frameStartedNanos = -1;
    return framer.takePartialFrame();
  }

  /**
   * Queues a packet behind the ones before it.
   *
   * @param reply the frame to answer it with, or null when it asks for none
   * @param records how many Kafka records were made of it
   */
  PendingPacket expect(byte[] reply, int records) {
    PendingPacket packet = new PendingPacket(reply, records);
    unanswered.add(packet);
    return packet;
  }

  /** Writes the replies that are due, in order, as far as the socket takes them. */
  void writeReplies() throws IOException {
    while (!unanswered.isEmpty() && unanswered.peek().safeInKafka()) {
      PendingPacket packet = unanswered.peek();
      if (packet.reply != null) {
        if (replyInWriting == null) {
          replyInWriting = ByteBuffer.wrap(packet.reply);
        }
        if (channel.write(replyInWriting) > 0) {
          lastActivityNanos = System.nanoTime();
        }
        if (replyInWriting.hasRemaining()) {
          return;
        }
        replyInWriting = null;
        metrics.hj212ReplySent();
      }
      unanswered.poll();
    }
  }

  /** True once the client has closed its side and everything it sent has been answered. */
  boolean finished() {
    return inputEnded && unanswered.isEmpty();
  }

  /**
   * Reads only while few packets are unanswered, so a client that outpaces Kafka, or does not
   * read its replies, is held back by TCP and cannot pile up memory; writes while a reply is
   * stuck.
   */
  void updateInterest() {
    int ops = 0;
    if (!inputEnded && unanswered.size() < maxUnansweredPackets) {
      ops |= SelectionKey.OP_READ;
    }
    holdBack(!inputEnded && (ops & SelectionKey.OP_READ) == 0);
    if (replyInWriting != null) {
      ops |= SelectionKey.OP_WRITE;
    }
    key.interestOps(ops);
  }

  /**
   * Silent: nothing read or written for {@code idleNanos}. A connection whose packets are waiting
   * for Kafka is not silent, only held back.
   */
  boolean idle(long nowNanos, long idleNanos) {
    boolean waitingForKafka = !unanswered.isEmpty() && !unanswered.peek().safeInKafka();
    return !waitingForKafka && nowNanos - lastActivityNanos > idleNanos;
  }

  private void holdBack(boolean hold) {
    if (hold != heldBack) {
      heldBack = hold;
      metrics.tcpConnectionHeldBack(hold);
    }
  }

  void close() {
    holdBack(false);
    key.cancel();
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing a socket the peer already dropped: nothing left to release
    }
  }
}
