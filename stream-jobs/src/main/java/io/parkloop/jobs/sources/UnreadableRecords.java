package io.parkloop.jobs.sources;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;

/**
 * The records of a consumed topic that a job skips because they hold nothing it can read, as two
 * metrics of the source: {@code tombstones} (null values) and {@code undecodableRecords}. Each
 * is also logged with its topic, partition and offset, where the record stays for inspection.
 */
public final class UnreadableRecords {
  private final Counter tombstones;
  private final Counter undecodable;

  private UnreadableRecords(Counter tombstones, Counter undecodable) {
    this.tombstones = tombstones;
    this.undecodable = undecodable;
  }

  static UnreadableRecords in(MetricGroup group) {
    return new UnreadableRecords(group.counter("tombstones"), group.counter("undecodableRecords"));
  }

  /** For a deserializer used outside a running job, which is never opened. */
  static UnreadableRecords unregistered() {
    return new UnreadableRecords(new SimpleCounter(), new SimpleCounter());
  }

  void tombstone(Logger log, ConsumerRecord<byte[], byte[]> record) {
    tombstones.inc();
    log.warn("skipped a tombstone at {}-{} offset {}", record.topic(), record.partition(), record.offset());
  }

  void undecodable(Logger log, ConsumerRecord<byte[], byte[]> record, Exception why) {
    undecodable.inc();
    log.error("skipped an undecodable record at {}-{} offset {}: {}", record.topic(), record.partition(),
        record.offset(), why.toString());
  }

  public long tombstones() {
    return tombstones.getCount();
  }

  public long undecodable() {
    return undecodable.getCount();
  }
}
