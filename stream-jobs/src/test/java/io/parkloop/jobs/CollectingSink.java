package io.parkloop.jobs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that keeps the latest row per key, the way the database's upserts do, in a static map
 * named per test (sinks are serialised into the MiniCluster, so they cannot hold the map).
 */
public final class CollectingSink<T> implements Sink<T> {
  private static final Map<String, Map<String, Object>> TABLES = new ConcurrentHashMap<>();
  private static final Map<String, java.util.concurrent.atomic.AtomicLong> FAIL_AT = new ConcurrentHashMap<>();
  private final String table;
  private final io.parkloop.jobs.sinks.RowKey<T> key;

  public CollectingSink(String table, io.parkloop.jobs.sinks.RowKey<T> key) {
    this.table = table;
    this.key = key;
    TABLES.put(table, new ConcurrentHashMap<>());
  }

  /** Makes the sink fail once, at its {@code writes}-th row, to force a restart from the last checkpoint. */
  CollectingSink<T> failingOnceAt(long writes) {
    FAIL_AT.put(table, new java.util.concurrent.atomic.AtomicLong(writes));
    return this;
  }

  @SuppressWarnings("unchecked")
  public Map<String, T> rows() {
    return (Map<String, T>) (Map<String, ?>) TABLES.get(table);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    Map<String, Object> rows = TABLES.get(table);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context context) {
        java.util.concurrent.atomic.AtomicLong countdown = FAIL_AT.get(table);
        if (countdown != null && countdown.decrementAndGet() == 0) {
          throw new IllegalStateException("injected failure: the job restarts from its last checkpoint");
        }
        rows.put(key.apply(element), element);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
