package io.parkloop.benchmarks;

import io.parkloop.jobs.functions.HourlyConsumption;
import io.parkloop.jobs.functions.MeterHistory;
import io.parkloop.jobs.functions.MeterSpec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The indicator job's per-reading work for a meter: insert the reading into the meter's history
 * and recompute the hour it falls in (counter delta, proration), as {@code MeterConsumption}
 * does. Every reading recomputes its whole hour, so the cost grows with how often a meter
 * reports: {@code readingsPerHour} 60 is a meter each minute, 3600 one each second.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class HourlyConsumptionBenchmark {
  private static final long HOUR = 3_600_000L;
  private static final MeterSpec COUNTER = new MeterSpec(true, null, 0);

  @Param({"60", "720", "3600"})
  int readingsPerHour;

  private MeterHistory history;
  private long step;
  private long nextTs;
  private double nextValue;

  /** A history holding the hour so far, three quarters through it. */
  @Setup(Level.Iteration)
  public void fillHistory() {
    history = new MeterHistory();
    step = HOUR / readingsPerHour;
    nextTs = 1_764_000_000_000L / HOUR * HOUR;
    nextValue = 100_000;
    for (int i = 0; i < readingsPerHour * 3 / 4; i++) {
      insertNext();
    }
  }

  @Benchmark
  public double insertAndRecomputeItsHour() {
    if (history.size >= readingsPerHour) {
      history.pruneBefore(nextTs, HOUR);
    }
    int i = insertNext();
    long[] span = HourlyConsumption.affectedSpan(history, COUNTER, i);
    long hour = Math.floorDiv(span[1] - 1, HOUR) * HOUR;
    return HourlyConsumption.within(history, COUNTER, hour, hour + HOUR);
  }

  private int insertNext() {
    history.insert(nextTs, nextValue);
    int index = history.indexOf(nextTs);
    nextTs += step;
    nextValue += 1.5;
    return index;
  }
}
