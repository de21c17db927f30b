package io.parkloop.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the ingest stage: messages in, readings and waste records out, dead letters by reason, Kafka send
 * latency and failures, and the HJ 212 TCP server's connections and replies.
 */
public final class IngestMetrics {
  private final LongAdder messagesIn = new LongAdder();
  private final LongAdder readingsOut = new LongAdder();
  private final LongAdder wasteRecordsOut = new LongAdder();
  private final Map<String, LongAdder> deadLetters = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> nonDataPackets = new ConcurrentHashMap<>();
  private final LongAdder sendCount = new LongAdder();
  private final LongAdder sendNanos = new LongAdder();
  private final AtomicLong sendMaxNanos = new AtomicLong();
  private final LongAdder sendFailures = new LongAdder();
  private final AtomicLong tcpConnectionsOpen = new AtomicLong();
  private final LongAdder tcpConnectionsRefused = new LongAdder();
  private final AtomicLong tcpConnectionsHeldBack = new AtomicLong();
  private final LongAdder hj212RepliesSent = new LongAdder();
  private volatile boolean bridgeSubscribed;
  private final LongAdder idleResubscribes = new LongAdder();

  public void messageIn() { messagesIn.increment(); }

  /** Whether the MQTT bridge is connected with its subscriptions in place, so that published readings reach it. */
  public void bridgeSubscribed(boolean subscribed) { bridgeSubscribed = subscribed; }

  public boolean isBridgeSubscribed() { return bridgeSubscribed; }

  /** The bridge heard nothing for a while and subscribed again (see {@code MqttBridge}). */
  public void idleResubscribe() { idleResubscribes.increment(); }

  public long idleResubscribes() { return idleResubscribes.sum(); }

  public void readingOut() { readingsOut.increment(); }

  public void wasteRecordOut() { wasteRecordsOut.increment(); }

  public void deadLetter(String reason) {
    deadLetters.computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  /** An HJ 212 heartbeat, status or command packet: expected traffic, not data. */
  public void nonDataPacket(String cn) {
    nonDataPackets.computeIfAbsent(cn, c -> new LongAdder()).increment();
  }

  public long nonDataPacketsTotal() {
    return nonDataPackets.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public Map<String, Long> nonDataPacketsByCn() {
    return sums(nonDataPackets);
  }

  public void kafkaSent(long nanos) {
    sendCount.increment();
    sendNanos.add(nanos);
    sendMaxNanos.accumulateAndGet(nanos, Math::max);
  }

  /** Kafka did not take a record (a broker down, a full log disk, a timeout); the sender tries it again. */
  public void kafkaSendFailed() { sendFailures.increment(); }

  public long kafkaSendFailures() { return sendFailures.sum(); }

  public void tcpConnectionOpened() { tcpConnectionsOpen.incrementAndGet(); }

  public void tcpConnectionClosed() { tcpConnectionsOpen.decrementAndGet(); }

  /** A connection turned away because the server already holds its maximum. */
  public void tcpConnectionRefused() { tcpConnectionsRefused.increment(); }

  /** A connection stops (true) or resumes (false) being read because Kafka has not taken its packets yet. */
  public void tcpConnectionHeldBack(boolean held) { tcpConnectionsHeldBack.addAndGet(held ? 1 : -1); }

  /** A response written back to an analyser after Kafka took its packet. */
  public void hj212ReplySent() { hj212RepliesSent.increment(); }

  public long messagesIn() { return messagesIn.sum(); }

  public long readingsOut() { return readingsOut.sum(); }

  public long wasteRecordsOut() { return wasteRecordsOut.sum(); }

  public long deadLettersTotal() {
    return deadLetters.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public Map<String, Long> deadLettersByReason() {
    return sums(deadLetters);
  }

  private static Map<String, Long> sums(Map<String, LongAdder> counters) {
    Map<String, Long> sums = new TreeMap<>();
    counters.forEach((key, count) -> sums.put(key, count.sum()));
    return sums;
  }

  /** Mean Kafka send latency (send to acknowledgement) in milliseconds, 0 before the first send. */
  public double meanSendMillis() {
    long count = sendCount.sum();
    return count == 0 ? 0 : sendNanos.sum() / 1e6 / count;
  }

  public double maxSendMillis() { return sendMaxNanos.get() / 1e6; }

  /** Records Kafka has acknowledged. */
  public long kafkaSends() { return sendCount.sum(); }

  /** The time all of {@link #kafkaSends()} took, from send to acknowledgement, added up. */
  public double kafkaSendSecondsTotal() { return sendNanos.sum() / 1e9; }

  public long tcpConnectionsOpen() { return tcpConnectionsOpen.get(); }

  public long tcpConnectionsRefused() { return tcpConnectionsRefused.sum(); }

  public long tcpConnectionsHeldBack() { return tcpConnectionsHeldBack.get(); }

  public long hj212RepliesSent() { return hj212RepliesSent.sum(); }
}
