package io.parkloop.launcher.bench;

import io.parkloop.launcher.replay.Replay;
import io.parkloop.launcher.replay.ReplayFiles;
import io.parkloop.launcher.replay.ReplaySummary;
import io.parkloop.reference.ReferenceData;
import io.parkloop.storage.Databases;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code parkloop bench --replay}: how fast {@code parkloop replay} gets a generated data set of
 * the bench fleet into the database, with the set-up (migrations, reference sync) reported apart
 * from the replay of the lines, and the totals check of the end-to-end run on the result.
 */
public final class ReplayBench {
  /** A round of the fleet each minute: a province's meters at 1-minute data. */
  private static final Duration STEP = Duration.ofMinutes(1);

  private ReplayBench() {}

  public record Result(long readings, long lines, double writeSeconds, double setUpSeconds, double ingestSeconds,
      double indicatorJobSeconds, double alertJobSeconds, double readingsPerS, double indicatorJobReadingsPerS,
      long indicatorRows, long late, TotalsCheck.Result correctness) {}

  /**
   * @param readings how many readings the data set holds; it starts on an hour far enough back
   *     that every reading lies in the past
   */
  public static Result run(ReferenceData fleet, String prefix, String jdbcUrl, long readings, Path workDir,
      PrintStream progress) throws Exception {
    int meters = fleet.meters().size();
    long rounds = readings / Math.max(1, meters) + 2;
    long hour = 3_600_000L;
    long start = Math.floorDiv(System.currentTimeMillis() - rounds * STEP.toMillis(), hour) * hour - hour;
    progress.printf(Locale.ROOT, "bench --replay: writing %,d readings of %,d meters, a round each %d s ...%n", readings,
        meters, STEP.toSeconds());
    ReplayDataSet.Written data = ReplayDataSet.write(workDir.resolve("readings.jsonl"), fleet, prefix, readings, start,
        STEP);
    progress.printf(Locale.ROOT, "bench --replay: %,d readings in %,d lines written in %.1f s; replaying ...%n",
        data.sent().readings(), data.sent().messages(), data.writeSeconds());
    ReplaySummary summary = new Replay(fleet, jdbcUrl).run(new ReplayFiles(data.file(), null, null, null));
    TotalsCheck.Result check = new TotalsCheck(Databases.dataSource(jdbcUrl), prefix).check(data.sent());
    ReplaySummary.Phases took = summary.took();
    long sent = data.sent().readings();
    return new Result(sent, data.sent().messages(), data.writeSeconds(), seconds(took.setUp()), seconds(took.ingest()),
        seconds(took.indicatorJob()), seconds(took.alertJob()), round(sent / seconds(took.afterSetUp())),
        round(sent / seconds(took.indicatorJob())), summary.indicatorRows(), summary.late(), check);
  }

  public static void print(Result r, PrintWriter out) {
    out.printf(Locale.ROOT, "parkloop bench --replay: %,d readings in %,d lines (generated in %.1f s)%n", r.readings(),
        r.lines(), r.writeSeconds());
    out.printf(Locale.ROOT, "start-up: %.1f s (migrations, reference sync), not counted below%n", r.setUpSeconds());
    out.printf(Locale.ROOT, "replay: %,.0f readings/s (ingest %.1f s, indicator job %.1f s, alert job %.1f s;"
            + " each job's MiniCluster start included)%n", r.readingsPerS(), r.ingestSeconds(), r.indicatorJobSeconds(),
        r.alertJobSeconds());
    out.printf(Locale.ROOT, "indicator job alone: %,.0f readings/s; %,d indicator rows written, %,d late%n",
        r.indicatorJobReadingsPerS(), r.indicatorRows(), r.late());
    out.println("correctness: " + (r.correctness().ok() ? "PASS, nothing lost, nothing doubled" : "FAIL"));
    for (TotalsCheck.Total total : r.correctness().totals()) {
      out.printf(Locale.ROOT, "  %-10s %-16s expected %,.6f  actual %,.6f  difference %.6f %s%n", total.scopeType(),
          total.indicator(), total.expected(), total.actual(), total.difference(), total.ok() ? "ok" : "WRONG");
    }
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
