package io.parkloop.readside;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.storage.EquipmentReadingRecord;
import io.parkloop.storage.EquipmentReadingTable;
import io.parkloop.storage.IndicatorRecord;
import io.parkloop.storage.IndicatorUpserts;
import io.parkloop.storage.ReadingRecord;
import io.parkloop.storage.ReadingTable;
import io.parkloop.storage.Retention;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Normalised readings are stored once per meter and instant, and old rows (the equipment's values'
 * too) go when their retention ends.
 */
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
      // the equipment's values behind an outlet keep the readings' retention
      EquipmentReadingTable.upsert(connection, List.of(
          new EquipmentReadingRecord("WW1", "e30101", "Avg", "hour", old, "power", 0.5, "N", old),
          new EquipmentReadingRecord("WW1", "e30101", "Avg", "hour", recent, "power", 30, "N", recent)));
      IndicatorUpserts.upsert(connection, List.of(
          new IndicatorRecord("park", "SIP", "hour", ancient, "energy_tce", 1.0, "tce"),
          new IndicatorRecord("park", "SIP", "day", ancient.truncatedTo(ChronoUnit.DAYS), "energy_tce", 24.0, "tce"),
          new IndicatorRecord("park", "SIP", "hour", recent.truncatedTo(ChronoUnit.HOURS), "energy_tce", 1.0, "tce")));
    }

    assertThat(Retention.DEFAULT.apply(database)).isEqualTo(3);

    assertThat(rows(database, "select value from reading")).containsExactly("2.0");
    assertThat(rows(database, "select value from equipment_reading")).containsExactly("30.0");
    assertThat(rows(database, "select period_type from indicator_value order by period_type"))
        .containsExactly("day", "hour");
    Instant today = NOW.truncatedTo(ChronoUnit.HOURS);
    try (Connection connection = database.getConnection()) {
      ReadingTable.upsert(connection, List.of(new ReadingRecord("M", today, 3, today)));
      IndicatorUpserts.upsert(connection, List.of(new IndicatorRecord("park", "SIP", "hour", today, "energy_tce", 3.0, "tce")));
    }
    assertThat(new Retention("10 days", "1 day").apply(database)).isEqualTo(2);
    assertThat(rows(database, "select period_type, value from indicator_value order by period_type"))
        .containsExactly("day 24.0", "hour 3.0");
    assertThat(rows(database, "select value from reading")).containsExactly("3.0");
  }

  /**
   * A data set fixed in time, as the crash and replay tests use, keeps its rows whenever the test
   * runs: age counts back from its newest row (2026-03-01), so only what is older than the
   * retention before that goes, however many years later today is.
   */
  @Test
  void ageCountsFromTheNewestRowSoAFixedDataSetOutlivesTheCalendar() throws Exception {
    DataSource database = TestPostgres.database("readings_retention_fixed");
    Migrations.migrate(database);
    Instant newest = Instant.parse("2026-03-01T00:00:00Z");
    Instant yearBefore = Instant.parse("2025-03-01T00:00:00Z");
    Instant fourteenMonthsBefore = Instant.parse("2025-01-01T00:00:00Z");
    Instant fourYearsBefore = Instant.parse("2022-03-01T00:00:00Z");
    try (Connection connection = database.getConnection()) {
      ReadingTable.upsert(connection, List.of(new ReadingRecord("M", newest, 3, newest),
          new ReadingRecord("M", yearBefore, 2, newest), new ReadingRecord("M", fourteenMonthsBefore, 1, newest)));
      IndicatorUpserts.upsert(connection, List.of(
          new IndicatorRecord("park", "SIP", "hour", newest, "energy_tce", 3.0, "tce"),
          new IndicatorRecord("park", "SIP", "hour", yearBefore, "energy_tce", 2.0, "tce"),
          new IndicatorRecord("park", "SIP", "hour", fourYearsBefore, "energy_tce", 1.0, "tce")));
    }

    assertThat(Retention.DEFAULT.apply(database)).isEqualTo(2);

    assertThat(rows(database, "select value from reading order by ts")).containsExactly("2.0", "3.0");
    assertThat(rows(database, "select value from indicator_value order by period_start")).containsExactly("2.0", "3.0");
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
