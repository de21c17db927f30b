package io.parkloop.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Normalised readings are stored once per meter and instant, and old rows go when their retention ends. */
class ReadingRetentionIT {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @Test
  void theSameInstantTwiceIsOneRowWithTheLargerValue() throws Exception {
    DataSource database = TestPostgres.database("readings_upsert");
    Migrations.migrate(database);
    Instant ts = Instant.parse("2026-03-01T00:15:00Z");
    try (Connection connection = database.getConnection()) {
      ReadingTable.upsert(connection, List.of(new ReadingRecord("E1-ELEC", ts, 100.5, NOW)));
      ReadingTable.upsert(connection, List.of(new ReadingRecord("E1-ELEC", ts, 100.5, NOW),
          new ReadingRecord("E1-ELEC", ts, 99.0, NOW), new ReadingRecord("E1-ELEC", ts.plusSeconds(900), 101.0, NOW)));
      ReadingTable.upsert(connection, List.of(new ReadingRecord("E1-ELEC", ts, 100.75, NOW)));
    }
    assertThat(rows(database, "select ts, value from reading order by ts"))
        .containsExactly(ts + " 100.75", ts.plusSeconds(900) + " 101.0");
  }

  @Test
  void readingsOlderThanTheirRetentionAndOldHourRowsGoWhileDaysStay() throws Exception {
    DataSource database = TestPostgres.database("readings_retention");
    Migrations.migrate(database);
    Instant old = NOW.minus(500, ChronoUnit.DAYS);
    Instant recent = NOW.minus(30, ChronoUnit.DAYS);
    Instant ancient = NOW.minus(4 * 366, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    try (Connection connection = database.getConnection()) {
      ReadingTable.upsert(connection, List.of(new ReadingRecord("M", old, 1, old), new ReadingRecord("M", recent, 2, recent)));
      IndicatorUpserts.upsert(connection, List.of(
          new IndicatorRecord("park", "SIP", "hour", ancient, "energy_tce", 1.0, "tce"),
          new IndicatorRecord("park", "SIP", "day", ancient.truncatedTo(ChronoUnit.DAYS), "energy_tce", 24.0, "tce"),
          new IndicatorRecord("park", "SIP", "hour", recent.truncatedTo(ChronoUnit.HOURS), "energy_tce", 1.0, "tce")));
    }

    assertThat(Retention.DEFAULT.apply(database)).isEqualTo(2);

    assertThat(rows(database, "select value from reading")).containsExactly("2.0");
    assertThat(rows(database, "select period_type from indicator_value order by period_type"))
        .containsExactly("day", "hour");
    assertThat(new Retention("10 days", "1 day").apply(database)).isEqualTo(2);
    assertThat(rows(database, "select period_type from indicator_value")).containsExactly("day");
    assertThat(rows(database, "select value from reading")).isEmpty();
  }

  private static List<String> rows(DataSource database, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          Object value = result.getObject(i);
          row.append(i > 1 ? " " : "").append(value instanceof java.sql.Timestamp t ? t.toInstant() : value);
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
