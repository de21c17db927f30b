package io.parkloop.launcher.replay;

import io.parkloop.jobs.records.IndicatorRow;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The day totals of a reconciliation's job run, the latest row per key (the job emits absolute
 * totals). Reconcile runs its job on a local environment in this JVM, and Flink serialises the
 * sink, so the rows go to a map held here under the capture's id rather than in the sink.
 */
public final class DayTotalsCapture implements Sink<IndicatorRow> {
  private static final Map<String, Map<String, IndicatorRow>> CAPTURES = new ConcurrentHashMap<>();
  private final String id = UUID.randomUUID().toString();

  DayTotalsCapture() {
    CAPTURES.put(id, new ConcurrentHashMap<>());
  }

  /** The rows captured, by key; the capture is forgotten. */
  Map<String, IndicatorRow> take() {
    return CAPTURES.remove(id);
  }

  @Override
  public SinkWriter<IndicatorRow> createWriter(WriterInitContext context) {
    Map<String, IndicatorRow> rows = CAPTURES.get(id);
    return new SinkWriter<>() {
      @Override
      public void write(IndicatorRow row, Context context) {
        rows.put(row.key(), row);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
