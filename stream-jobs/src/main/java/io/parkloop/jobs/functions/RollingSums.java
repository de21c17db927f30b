package io.parkloop.jobs.functions;

import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.reference.PeriodType;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Rolling windows over calendar rows, keyed by scope, indicator and base period: the last 24
 * hours ({@code r24h}), 30 days ({@code r30d}) or 12 months ({@code r12m}). A window is emitted
 * for the end of every period up to the newest one seen, and carries its end as
 * {@code period_start} (SPEC). A changed period updates every window that holds it.
 *
 * <p>Most rows are a new value of the newest period (the hour that is filling up): then only the
 * newest window changes, by the period's change, so it is kept as a running sum and the row costs
 * two state reads instead of a walk over the window's periods and their calendar starts. Any other
 * row (a new newest period, a late one) sums in full, as always; sums are whole micro-units, so
 * both ways give the same number exactly.
 */
public class RollingSums extends KeyedProcessFunction<String, IndicatorRow, IndicatorRow> {
  private final PeriodRetention retention;
  private transient MapState<Long, Long> periods;
  private transient ValueState<Long> newest;
  /** The sum of the window that ends with the newest period, in micro-units; empty until summed in full. */
  private transient ValueState<Long> newestWindow;

  public RollingSums(PeriodRetention retention) {
    this.retention = retention;
  }

  /** Whether a rolling window is built from rows of this row's period type (hours, days and months). */
  public static boolean isInput(IndicatorRow row) {
    return PeriodType.of(row.periodType).rollingWindow().isPresent();
  }

  public static String key(IndicatorRow row) {
    return row.scopeType + '|' + row.scopeId + '|' + row.indicator + '|' + row.periodType;
  }

  @Override
  public void open(OpenContext context) {
    periods = getRuntimeContext().getMapState(new MapStateDescriptor<>("periods", Long.class, Long.class));
    newest = getRuntimeContext().getState(new ValueStateDescriptor<>("newest", Long.class));
    newestWindow = getRuntimeContext().getState(new ValueStateDescriptor<>("newest-window", Long.class));
  }

  @Override
  public void processElement(IndicatorRow row, Context ctx, Collector<IndicatorRow> out) throws Exception {
    PeriodType type = PeriodType.of(row.periodType);
    PeriodType window = type.rollingWindow().orElseThrow();
    int length = window.length();
    long value = io.parkloop.jobs.records.IndicatorPart.toMicros(row.value);
    Long before = periods.get(row.periodStart);
    periods.put(row.periodStart, value);
    Long newestSeen = newest.value();
    // forget this period once no window that holds it can change any more
    ctx.timerService().registerEventTimeTimer(type.plus(row.periodStart, length) + retention.after(row.periodType));
    Long running = newestWindow.value();
    if (newestSeen != null && newestSeen == row.periodStart && running != null) {
      long sum = running + value - (before == null ? 0 : before);
      newestWindow.update(sum);
      out.collect(new IndicatorRow(row.scopeType, row.scopeId, window.code(), type.end(row.periodStart), row.indicator,
          row.unit, sum / 1e6));
      return;
    }
    long latest = newestSeen == null ? row.periodStart : Math.max(newestSeen, row.periodStart);
    newest.update(latest);

    // the windows ending with this period and each of the next ones, up to the newest seen: the
    // first summed in full, each next one slid by a period (add the new one, drop the oldest)
    long start = row.periodStart;
    long end = type.end(start);
    long sum = windowSum(type, end, length);
    long oldest = start;
    for (int i = 1; i < length; i++) {
      oldest = previousStart(type, oldest);
    }
    for (int i = 0; i < length && start <= latest; i++) {
      out.collect(new IndicatorRow(row.scopeType, row.scopeId, window.code(), end, row.indicator, row.unit, sum / 1e6));
      if (start == latest) {
        newestWindow.update(sum);
      }
      start = end;
      end = type.end(start);
      sum += micros(start) - micros(oldest);
      oldest = type.end(oldest);
    }
  }

  private long micros(long periodStart) throws Exception {
    Long micros = periods.get(periodStart);
    return micros == null ? 0 : micros;
  }

  /** The sum of the {@code length} periods that end at {@code end}. */
  private long windowSum(PeriodType periodType, long end, int length) throws Exception {
    long sum = 0;
    long start = end;
    for (int i = 0; i < length; i++) {
      start = previousStart(periodType, start);
      sum += micros(start);
    }
    return sum;
  }

  private static long previousStart(PeriodType periodType, long start) {
    // the period before `start` begins at the start of the period holding the instant just before it
    return periodType.start(start - 1);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndicatorRow> out) throws Exception {
    String type = ctx.getCurrentKey().substring(ctx.getCurrentKey().lastIndexOf('|') + 1);
    long newestExpired = newestExpiredStart(PeriodType.of(type), timestamp - retention.after(type));
    // every period whose windows have all closed by now: one calendar computation per timer, not per period
    List<Long> expired = new ArrayList<>();
    for (Long start : periods.keys()) {
      if (start <= newestExpired) {
        expired.add(start);
      }
    }
    for (Long start : expired) {
      periods.remove(start);
    }
    if (!expired.isEmpty()) {
      newestWindow.clear(); // summed in full again at the next row
    }
    if (periods.isEmpty()) {
      newest.clear();
    }
  }

  /**
   * The start of the newest period of {@code type} whose last window ends by {@code closedBy}:
   * the period {@code length} periods before the one holding that instant. (A window ends on a
   * period boundary, so it ends by an instant inside a period exactly when it ends by that period's start.)
   */
  static long newestExpiredStart(PeriodType type, long closedBy) {
    long start = type.start(closedBy);
    for (int i = 0; i < type.rollingWindow().orElseThrow().length(); i++) {
      start = previousStart(type, start);
    }
    return start;
  }
}
