package io.parkloop.launcher.bench;

import io.parkloop.reference.Indicator;
import io.parkloop.storage.Databases;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL alone: COPY of as many indicator rows as the end-to-end run wrote for that many
 * readings into a scratch table shaped like {@code indicator_value} (same primary key and indexes, logged
 * like it), dropped afterwards. The raw ceiling of getting rows into the database; the sink's
 * upserts do more work per row.
 */
final class PostgresCopyStage {
  private static final List<String> INDICATORS = Stream.of(Indicator.ELECTRICITY_KWH, Indicator.ENERGY_TCE,
      Indicator.STEAM_T, Indicator.NATURAL_GAS_M3, Indicator.FRESH_WATER_M3, Indicator.RECYCLED_WATER_M3,
      Indicator.WATER_REUSE_RATE, Indicator.COD_KG).map(Indicator::code).toList();
  private static final int CHUNK_BYTES = 1 << 16;

  private PostgresCopyStage() {}

  static StageResults.Stage run(String jdbcUrl, String prefix, long rows, long readings) throws Exception {
    String table = "bench_copy_" + prefix;
    try (Connection connection = Databases.dataSource(jdbcUrl).getConnection()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("create table " + table + " (like indicator_value including all)");
      }
      try {
        long started = System.nanoTime();
        copy(connection.unwrap(PGConnection.class), table, prefix, rows);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new StageResults.Stage("postgres", "COPY of the rows the end-to-end run wrote per reading, into a"
            + " table like indicator_value; readings/s = readings ÷ the COPY's time", readings, rows,
            MqttStage.round(seconds), MqttStage.round(readings / seconds));
      } finally {
        try (Statement statement = connection.createStatement()) {
          statement.execute("drop table " + table);
        }
      }
    }
  }

  /** Distinct keys: enterprise-hours of the fleet, eight indicators each. */
  private static void copy(PGConnection connection, String table, String prefix, long rows) throws Exception {
    CopyIn copy = connection.getCopyAPI().copyIn("copy " + table
        + " (scope_type, scope_id, period_type, period_start, indicator, value, unit) from stdin (format csv)");
    long firstHour = Instant.now().minusSeconds(365L * 24 * 3600).toEpochMilli() / 3_600_000L * 3_600_000L;
    StringBuilder chunk = new StringBuilder(CHUNK_BYTES + 256);
    for (long i = 0; i < rows; i++) {
      long enterprise = i / INDICATORS.size() % 1_000;
      long hour = i / INDICATORS.size() / 1_000;
      chunk.append("enterprise,").append(BenchFleet.enterpriseId(prefix, (int) enterprise)).append(",hour,")
          .append(Instant.ofEpochMilli(firstHour + hour * 3_600_000L)).append(',')
          .append(INDICATORS.get((int) (i % INDICATORS.size()))).append(',').append(i % 997 * 1.25).append(",u\n");
      if (chunk.length() >= CHUNK_BYTES) {
        write(copy, chunk);
      }
    }
    write(copy, chunk);
    copy.endCopy();
  }

  private static void write(CopyIn copy, StringBuilder chunk) throws Exception {
    byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    chunk.setLength(0);
  }
}
