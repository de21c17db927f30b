package io.parkloop.launcher.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code parkloop bench --ladder}: fresh end-to-end runs at rising rates and the highest one the
 * chain held. A rate is held when freshness p99 stays within {@value #P99_LIMIT_MS} ms, the
 * database had everything at most {@value #DRAIN_LIMIT_S} s after the last send (Kafka's lag
 * stayed bounded instead of growing with the run: a backlog of the run's length would take as
 * long again), and the totals check passed.
 *
 * @param held the highest rate held, 0 when none was
 * @param failed the lowest rate not held
 */
public record BenchLadder(BenchResult.Machine machine, List<Rung> rungs, double held, double failed) {
  static final long P99_LIMIT_MS = 2_000;
  static final double DRAIN_LIMIT_S = 5;

  /** Runs the chain at one offered rate. */
  @FunctionalInterface
  public interface Runner {
    Rung run(double offered) throws Exception;
  }

  /**
   * Rung after rung from {@code first}, each {@code factor} times the last, up to the first rate
   * not held; then {@code refine} bisections between the last rate held and the lowest not held.
   */
  public static BenchLadder climb(double first, double factor, int refine, Runner runner, BenchResult.Machine machine)
      throws Exception {
    Climb climb = new Climb(runner);
    for (double offered = first; climb.failed == 0; offered = Math.round(offered * factor)) {
      climb.run(offered);
    }
    for (int i = 0; i < refine && climb.held > 0; i++) {
      climb.run(Math.round((climb.held + climb.failed) / 2));
    }
    return new BenchLadder(machine, climb.rungs, climb.held, climb.failed);
  }

  /** The rungs so far, the highest rate held and the lowest not held. */
  private static final class Climb {
    final Runner runner;
    final List<Rung> rungs = new ArrayList<>();
    double held;
    double failed;

    Climb(Runner runner) {
      this.runner = runner;
    }

    void run(double offered) throws Exception {
      Rung rung = runner.run(offered);
      rungs.add(rung);
      if (rung.holds()) {
        held = offered;
      } else {
        failed = offered;
      }
    }
  }

  /** One run of the ladder. */
  public record Rung(double offered, double sentPerS, Double endToEndPerS, Long p99Ms, long maxLag,
      double drainedAfterLastSendS, double cpuMicrosPerReading, boolean correct, boolean holds) {
    public static Rung of(BenchResult result) {
      BenchResult.EndToEnd e = result.endToEnd();
      Double endToEnd = e.throughput().endToEndPerS();
      Long p99 = e.freshnessMs().p99();
      long maxLag = e.kafkaLag().stream().mapToLong(BenchResult.LagSample::lag).max().orElse(0);
      boolean correct = e.correctness().ok();
      double drained = endToEnd == null ? Double.POSITIVE_INFINITY
          : Math.round((e.throughput().drainedAfterS() - e.sent().sendSeconds()) * 10) / 10.0;
      return new Rung(result.fleet().rate(), e.throughput().sentPerS(), endToEnd, p99, maxLag, drained,
          e.cpuMicrosPerReading().getOrDefault(CpuPerReading.TOTAL, 0.0), correct, holds(drained, p99, correct));
    }

    static boolean holds(double drainedAfterLastSendS, Long p99Ms, boolean correct) {
      return correct && p99Ms != null && p99Ms <= P99_LIMIT_MS && drainedAfterLastSendS <= DRAIN_LIMIT_S;
    }

    public String line() {
      return String.format(Locale.ROOT, "offered %,8.0f | sent %,8.0f | end to end %8s | p99 %8s ms | Kafka lag max %,9d"
              + " | all in %5.1f s after the last send | CPU %,6.1f µs/reading | %s | %s", offered, sentPerS,
          endToEndPerS == null ? "n/a" : String.format(Locale.ROOT, "%,.0f", endToEndPerS),
          p99Ms == null ? "n/a" : String.format(Locale.ROOT, "%,d", p99Ms), maxLag, drainedAfterLastSendS, cpuMicrosPerReading,
          correct ? "PASS" : "FAIL", holds ? "held" : "not held");
    }
  }

  public void print(PrintWriter out) {
    out.printf(Locale.ROOT, "parkloop bench --ladder: %d runs; machine: %d cores, %,d MB, %s%n", rungs.size(),
        machine.cores(), machine.memoryMb(), machine.cpuModel());
    rungs.forEach(rung -> out.println("  " + rung.line()));
    if (held > 0) {
      out.printf(Locale.ROOT, "highest rate held (p99 ≤ %,d ms, all in the database ≤ %.0f s after the last send, totals"
          + " PASS): %,.0f readings/s; not held at %,.0f%n", P99_LIMIT_MS, DRAIN_LIMIT_S, held, failed);
    } else {
      out.printf(Locale.ROOT, "no rate held: the first, %,.0f readings/s, already failed%n", failed);
    }
  }
}
