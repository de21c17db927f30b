package io.parkloop.launcher.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that only counts, with the wall-clock time of the first and the last element, for the
 * Flink stage. The tallies are static because the stage's MiniCluster runs in this JVM and a
 * Flink 2 sink writer has no accumulators to report through.
 */
final class CountingSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  private static final Map<String, Tally> TALLIES = new ConcurrentHashMap<>();

  /** What reached the sinks of one name. */
  static final class Tally {
    final LongAdder count = new LongAdder();
    final AtomicLong firstNanos = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong lastNanos = new AtomicLong(Long.MIN_VALUE);

    void add() {
      long now = System.nanoTime();
      count.increment();
      firstNanos.accumulateAndGet(now, Math::min);
      lastNanos.accumulateAndGet(now, Math::max);
    }
  }

  private final String name;

  CountingSink(String name) {
    this.name = name;
    TALLIES.put(name, new Tally());
  }

  static Tally tally(String name) {
    return TALLIES.get(name);
  }

  static void forget(String name) {
    TALLIES.remove(name);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    Tally tally = TALLIES.get(name);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) {
        tally.add();
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
