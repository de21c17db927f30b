package io.parkloop.launcher.replay;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * What a replay did.
 *
 * @param linesByFile lines read per file (as given), blank ones included
 * @param meterReadings accepted readings of meters
 * @param outletValues accepted values of HJ 212 data packets
 * @param duplicates accepted readings whose meter and time (for an outlet: factor, kind and
 *     period too) an earlier line already had; the job counts them once
 * @param deadLetters dead letters by reason, as stored in {@code dead_letter}
 * @param nonDataPackets HJ 212 heartbeats, status and command packets: expected, not data
 * @param late readings the job found older than the maximum age (stored in {@code late_reading})
 * @param unattributed readings the job could not place in the reference data (0 unless the
 *     reference data changed between ingest and job, which a replay's one file cannot do)
 * @param indicatorRows rows of {@code indicator_value} that the replay added or changed; not 0 on an
 *     identical re-run, as the job passes through partial totals (a park's hour before its last
 *     enterprise's part) and the sink may write one before the final value restores the row
 * @param enterpriseMonths rows of the statistics file, each joined to its enterprise's month; null
 *     without a statistics file
 */
public record ReplaySummary(Map<String, Long> linesByFile, long meterReadings, long outletValues, long duplicates,
    Map<String, Long> deadLetters, long nonDataPackets, long late, long unattributed, long indicatorRows,
    Integer enterpriseMonths, Phases took) {

  /**
   * Where the time went: set-up (migrations and the reference data's sync, before any line is
   * read), the ingest of every line, and each job's run, its MiniCluster's start included.
   */
  public record Phases(Duration setUp, Duration ingest, Duration indicatorJob, Duration alertJob) {
    public Duration total() {
      return setUp.plus(ingest).plus(indicatorJob).plus(alertJob);
    }

    /** All but the set-up: the replay of the lines themselves. */
    public Duration afterSetUp() {
      return ingest.plus(indicatorJob).plus(alertJob);
    }
  }

  long lines() {
    return linesByFile.values().stream().mapToLong(Long::longValue).sum();
  }

  long deadLettersTotal() {
    return deadLetters.values().stream().mapToLong(Long::longValue).sum();
  }

  public void print(PrintStream out) {
    out.printf("parkloop replay: done in %.1f s (set-up %.1f s, ingest %.1f s, indicator job %.1f s, alert job %.1f s)%n",
        seconds(took.total()), seconds(took.setUp()), seconds(took.ingest()), seconds(took.indicatorJob()),
        seconds(took.alertJob()));
    StringBuilder files = new StringBuilder();
    linesByFile.forEach((file, lines) -> files.append(files.isEmpty() ? "" : ", ").append(String.format("%s %,d", file, lines)));
    out.printf("  lines read         %,d (%s)%n", lines(), files);
    out.printf("  readings accepted  %,d (meters %,d, HJ 212 values %,d)%n", meterReadings + outletValues,
        meterReadings, outletValues);
    out.printf("  duplicates         %,d (same meter and time as an earlier line; counted once)%n", duplicates);
    out.printf("  dead letters       %,d %s (table dead_letter)%n", deadLettersTotal(), deadLetters);
    if (nonDataPackets > 0) {
      out.printf("  HJ 212 non-data    %,d (heartbeats, status, commands)%n", nonDataPackets);
    }
    out.printf("  late               %,d (beyond the maximum age; kept in late_reading)%n", late);
    if (unattributed > 0) {
      out.printf("  unattributed       %,d (no meter or outlet of the reference data; not counted)%n", unattributed);
    }
    out.printf("  indicator rows     %,d new or changed in indicator_value%n", indicatorRows);
    if (enterpriseMonths != null) {
      out.printf("  statistics         %,d rows, each joined to its enterprise's month%n", enterpriseMonths);
    }
    out.flush();
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1e3;
  }
}
