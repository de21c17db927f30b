package io.parkloop.launcher.pipeline;

import io.parkloop.ingest.IngestMetrics;
import io.parkloop.readside.IndicatorExport;
import io.parkloop.readside.IndicatorTableStatus;
import io.parkloop.reference.Province;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import javax.sql.DataSource;

/** The compact table the demo and run print every few seconds: the pipeline's counts and each park's figures today. */
public final class LiveTable {
  private final IngestMetrics metrics;
  private final PipelineLag lag;
  private final DataSource database;
  private final PrintStream out;

  LiveTable(IngestMetrics metrics, PipelineLag lag, DataSource database, PrintStream out) {
    this.metrics = metrics;
    this.lag = lag;
    this.database = database;
    this.out = out;
  }

  void print(Duration elapsed) {
    out.printf(Locale.ROOT, "%n[%s] readings in %,d | dead letters %,d %s | Kafka send %.1f ms avg%n",
        format(elapsed), metrics.readingsOut(), metrics.deadLettersTotal(), metrics.deadLettersByReason(),
        metrics.meanSendMillis());
    out.println("  " + lagLine(lag.readingsBehind(), lag.secondsSinceNewestWrite()));
    try (Connection connection = database.getConnection()) {
      out.printf(Locale.ROOT, "  indicator rows written %,d%n", IndicatorTableStatus.rows(connection));
      out.printf(Locale.ROOT, "  %-8s %14s %14s %12s  %s%n", "park", "energy_tce", "fresh_water_m3", "reuse_rate_%",
          "region name (today, Asia/Shanghai)");
      printParks(connection);
    } catch (SQLException e) {
      out.println("  (database not readable right now: " + e.getMessage() + ")");
    }
  }

  /** Today (Asia/Shanghai) per park; the reuse rate is recycled ÷ (recycled + fresh), from summed quantities. */
  private void printParks(Connection connection) throws SQLException {
    Instant today = LocalDate.now(Province.ZONE).atStartOfDay(Province.ZONE).toInstant();
    for (IndicatorTableStatus.ParkDay day : IndicatorTableStatus.parkDays(connection, today)) {
      double fresh = day.freshWaterM3();
      double recycled = day.recycledWaterM3();
      String reuse = fresh + recycled > 0 ? IndicatorExport.number(Math.round(recycled / (fresh + recycled) * 1000) / 10.0) : "-";
      // names last: CJK characters are two columns wide and would skew the columns after them
      out.printf(Locale.ROOT, "  %-8s %14.3f %14.1f %12s  %s %s%n", day.park(), day.energyTce(), fresh, reuse,
          day.region(), day.name());
    }
  }

  /** How far the indicator job is behind: it grows while PostgreSQL is down and falls once it is back. */
  public static String lagLine(OptionalLong readingsBehind, OptionalDouble secondsSinceWrite) {
    String behind = readingsBehind.isPresent()
        ? String.format(Locale.ROOT, "%,d readings on Kafka not yet through", readingsBehind.getAsLong())
        : "Kafka lag unknown (Kafka not answering)";
    String written = secondsSinceWrite.isPresent()
        ? String.format(Locale.ROOT, "newest indicator write %.0f s ago", secondsSinceWrite.getAsDouble())
        : "no indicator write readable (database down or empty)";
    return "job lag: " + behind + " | " + written;
  }

  private static String format(Duration elapsed) {
    return String.format(Locale.ROOT, "%02d:%02d", elapsed.toMinutes(), elapsed.toSecondsPart());
  }
}
