package io.parkloop.launcher.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Measures freshness on the probe enterprises: how long after a reading was sent its
 * enterprise-hour row in PostgreSQL reflected it.
 *
 * <p>Each probe enterprise has a clock meter, a counter whose value is its own timestamp in
 * seconds, starting at the bench's baseline instant. Its consumption within an hour is therefore
 * the time its readings cover in that hour, and the hour row tells which reading it reflects:
 * {@code reading ts = value + max(hour start, baseline)}. Polled a few times a second, each row
 * that changed gives one sample: its {@code updated_at} (PostgreSQL's {@code now()} of the
 * upsert's transaction) minus that reading's timestamp, which the generator set to its send
 * time. The figure thus spans MQTT publish → broker → bridge → Kafka → Flink → the upsert, a
 * little more than arrival at the bridge; a row committed at the end of a long batch becomes
 * visible a little after its {@code updated_at}. Only the newest reading at each update is
 * sampled, which is the reading a dashboard user waits for.
 */
public final class FreshnessProbe {
  private final DataSource database;
  private final String[] enterprises;
  private final long baselineMillis;
  private final Map<String, Long> lastSeen = new HashMap<>();
  private final List<Long> samples = new ArrayList<>();
  private Connection connection;

  public FreshnessProbe(DataSource database, List<String> enterprises, long baselineMillis) {
    this.database = database;
    this.enterprises = enterprises.toArray(String[]::new);
    this.baselineMillis = baselineMillis;
  }

  /** Reads the probe rows that changed since the last poll and records a sample for each. */
  public void poll() throws SQLException {
    if (connection == null) {
      connection = database.getConnection();
    }
    try (PreparedStatement statement = connection.prepareStatement("""
        select scope_id, period_start, value, updated_at from indicator_value
        where scope_type = 'enterprise' and period_type = 'hour' and indicator = 'natural_gas_m3'
          and scope_id = any(?) and period_start >= ?""")) {
      Array ids = connection.createArrayOf("text", enterprises);
      statement.setArray(1, ids);
      statement.setTimestamp(2, new Timestamp(Math.floorDiv(baselineMillis, 3_600_000L) * 3_600_000L));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          long hourStart = rows.getTimestamp(2).getTime();
          long updatedAt = rows.getTimestamp(4).getTime();
          String key = rows.getString(1) + '|' + hourStart;
          Long previous = lastSeen.put(key, updatedAt);
          if (previous != null && previous == updatedAt) {
            continue;
          }
          long readingTs = Math.round(rows.getDouble(3) * 1000) + Math.max(hourStart, baselineMillis);
          // the reading at an hour's start was stamped with it, not with its send time; a row
          // that reflects it, or the segment ending there, says nothing about freshness
          if (readingTs > hourStart && readingTs < hourStart + 3_600_000L && readingTs > baselineMillis) {
            synchronized (samples) {
              samples.add(updatedAt - readingTs);
            }
          }
        }
      }
    }
  }

  /** Freshness percentiles in milliseconds; empty before the first sample. */
  public Percentiles percentiles() {
    synchronized (samples) {
      List<Long> sorted = new ArrayList<>(samples);
      Collections.sort(sorted);
      return Percentiles.of(sorted);
    }
  }

  public void close() {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // read-only polling connection; nothing to save
    }
  }

  /** Percentiles of a sorted list of milliseconds (nearest rank). */
  public record Percentiles(int samples, Long p50, Long p95, Long p99, Long max) {
    static Percentiles of(List<Long> sorted) {
      if (sorted.isEmpty()) {
        return new Percentiles(0, null, null, null, null);
      }
      return new Percentiles(sorted.size(), rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99),
          sorted.get(sorted.size() - 1));
    }

    private static long rank(List<Long> sorted, double p) {
      return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
    }
  }
}
