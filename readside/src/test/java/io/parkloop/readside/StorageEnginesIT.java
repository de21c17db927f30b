package io.parkloop.readside;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.embedded.DatabaseEngine;
import io.parkloop.embedded.DatabaseEngines;
import io.parkloop.embedded.TestDatabase;
import io.parkloop.readside.acceptance.AcceptanceQueries;
import io.parkloop.readside.acceptance.ParkResult;
import io.parkloop.reference.ReferenceLoader;
import io.parkloop.storage.AlertRecord;
import io.parkloop.storage.AlertUpserts;
import io.parkloop.storage.EquipmentReadingRecord;
import io.parkloop.storage.EquipmentReadingTable;
import io.parkloop.storage.IndicatorRecord;
import io.parkloop.storage.IndicatorUpserts;
import io.parkloop.storage.ReadingRecord;
import io.parkloop.storage.ReadingTable;
import io.parkloop.storage.ReferenceTables;
import io.parkloop.storage.Retention;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The TimescaleDB tier: storage on the three engines parkloop supports (docs/storage.md). Every
 * test migrates its class's database on the engine first (idempotent) and prints what the
 * engine runs. One database per engine for the whole class, so the tests use meters and parks of
 * their own.
 */
@ExtendWith(DatabaseEngines.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageEnginesIT {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @Order(1)
  @ParameterizedTest
  @EnumSource(DatabaseEngine.class)
  void everyMigrationAppliesAndTheTimeSeriesAreHypertables(DatabaseEngine engine, DatabaseEngines.ForClass databases)
      throws Exception {
    DataSource database = migrated(databases, engine);

    assertThat(rows(database, "select count(*) from flyway_schema_history where success and version is not null"))
        .as("every versioned migration in db/migration").containsExactly(String.valueOf(migrationFiles()));
    assertThat(rows(database, "select count(*) from flyway_schema_history where not success")).containsExactly("0");
    if (engine == DatabaseEngine.POSTGRESQL) {
      assertThat(rows(database, "select count(*) from pg_extension where extname = 'timescaledb'")).containsExactly("0");
      return;
    }
    assertThat(rows(database, """
        select hypertable_name || ' ' || compression_enabled from timescaledb_information.hypertables
        order by hypertable_name"""))
        .containsExactly("indicator_value false", "reading " + (engine == DatabaseEngine.TIMESCALEDB_TSL));
  }

  @Order(2)
  @ParameterizedTest
  @EnumSource(value = DatabaseEngine.class, names = {"TIMESCALEDB_APACHE", "TIMESCALEDB_TSL"})
  void policiesExistOnlyWhereTheLicenseHasThem(DatabaseEngine engine, DatabaseEngines.ForClass databases)
      throws Exception {
    DataSource database = migrated(databases, engine);

    List<String> policies = rows(database, """
        select proc_name || ' ' || (config ->> case proc_name when 'policy_compression' then 'compress_after'
                                                              else 'drop_after' end)
        from timescaledb_information.jobs where hypertable_name = 'reading' order by proc_name""");
    if (engine == DatabaseEngine.TIMESCALEDB_TSL) {
      assertThat(policies).containsExactly("policy_compression 7 days", "policy_retention 1 year 1 mon"); // 13 months
    } else {
      assertThat(policies).as("the Apache edition has no policies").isEmpty();
    }
  }

  @Order(3)
  @ParameterizedTest
  @EnumSource(DatabaseEngine.class)
  void theSinksUpsertsKeepOneRowPerKey(DatabaseEngine engine, DatabaseEngines.ForClass databases) throws Exception {
    DataSource database = migrated(databases, engine);
    Instant ts = Instant.parse("2026-03-01T00:15:00Z");
    Instant day = Instant.parse("2026-02-28T16:00:00Z"); // 2026-03-01 in Shanghai
    try (Connection connection = database.getConnection()) {
      ReadingTable.upsert(connection, List.of(new ReadingRecord("UPS-ELEC", ts, 100.5, NOW)));
      ReadingTable.upsert(connection, List.of(new ReadingRecord("UPS-ELEC", ts, 99.0, NOW),
          new ReadingRecord("UPS-ELEC", ts.plusSeconds(900), 101.0, NOW)));
      ReadingTable.upsert(connection, List.of(new ReadingRecord("UPS-ELEC", ts, 100.75, NOW)));
      // one meter and instant twice in one batch: the larger value, the earlier arrival
      ReadingTable.upsert(connection, List.of(new ReadingRecord("UPS-GAS", ts, 7.25, NOW.plusSeconds(60)),
          new ReadingRecord("UPS-GAS", ts, 7.5, NOW.plusSeconds(120)), new ReadingRecord("UPS-GAS", ts, 7.0, NOW)));
      // ids travel as COPY text: tab, newline, backslash and CJK come back as sent
      IndicatorUpserts.upsert(connection, List.of(new IndicatorRecord("park", "UPS\t\\n\n 园区", "day", day, "energy_tce",
          2.0E-7, "tce")));
      IndicatorUpserts.upsert(connection, List.of(new IndicatorRecord("park", "UPS", "day", day, "energy_tce", 1.0, "tce")));
      IndicatorUpserts.upsert(connection, List.of(new IndicatorRecord("park", "UPS", "day", day, "energy_tce", 1.5, "tce")));
      Instant opened = Instant.parse("2026-03-01T02:00:00Z");
      AlertUpserts.write(connection, List.of(alert("UPS-a1", opened, null, 60.0), alert("UPS-a2", opened, null, 1.0)), List.of());
      // the episode closes at a higher peak; the second alert is withdrawn
      AlertUpserts.write(connection, List.of(alert("UPS-a1", opened, opened.plusSeconds(3600), 75.0)), List.of("UPS-a2"));
    }

    assertThat(rows(database, "select ts, value from reading where meter = 'UPS-ELEC' order by ts"))
        .containsExactly(ts + " 100.75", ts.plusSeconds(900) + " 101.0");
    assertThat(rows(database, "select meter, value, received_at from reading where meter = 'UPS-GAS'"))
        .containsExactly("UPS-GAS 7.5 " + NOW);
    assertThat(rows(database, "select value from indicator_value where scope_id = 'UPS'")).containsExactly("1.5");
    assertThat(rows(database, "select value from indicator_value where scope_id = E'UPS\\t\\\\n\\n 园区'"))
        .containsExactly("2.0E-7");
    assertThat(rows(database, "select id, closed_at, peak_value from alerts where id like 'UPS-%'"))
        .containsExactly("UPS-a1 2026-03-01T03:00:00Z 75.0");
  }

  @Order(3)
  @ParameterizedTest
  @EnumSource(DatabaseEngine.class)
  void theEquipmentsValuesKeepOneRowPerCodeKindPeriodAndInstant(DatabaseEngine engine,
      DatabaseEngines.ForClass databases) throws Exception {
    DataSource database = migrated(databases, engine);
    Instant hour = Instant.parse("2026-03-01T02:00:00Z");
    Instant first = Instant.parse("2026-03-01T03:00:05Z");
    Instant reupload = Instant.parse("2026-03-04T00:00:00Z");
    try (Connection connection = database.getConnection()) {
      // the device's re-upload (received later, corrected value) arrives before its first send
      EquipmentReadingTable.upsert(connection, List.of(
          equipment("e30101", "Avg", "hour", hour, "power", 3.5, "N", reupload)));
      EquipmentReadingTable.upsert(connection, List.of(
          equipment("e30101", "Avg", "hour", hour, "power", 0.25, "N", first),
          equipment("e30101", "Avg", "minute", hour, "power", 0.5, "N", first),
          equipment("e30101", "Cou", "hour", hour, "energy", 3.4, "N", first),
          // the same code's operating condition (ST 45) beside its power (ST 44)
          equipment("e30101", "Avg", "hour", hour, "condition", 1, "N", first),
          equipment("e30201", "Avg", "hour", hour, "power", 9999.99, "U", first)));
    }

    assertThat(rows(database, """
        select code, kind, period, quantity, value, flag from equipment_reading where outlet_id = 'UPS-WW1'
        order by code, kind, period, quantity"""))
        .containsExactly("e30101 Avg hour condition 1.0 N", "e30101 Avg hour power 3.5 N", "e30101 Avg minute power 0.5 N",
            "e30101 Cou hour energy 3.4 N", "e30201 Avg hour power 9999.99 U");
  }

  private static EquipmentReadingRecord equipment(String code, String kind, String period, Instant ts, String quantity,
      double value, String flag, Instant receivedAt) {
    return new EquipmentReadingRecord("UPS-WW1", code, kind, period, ts, quantity, value, flag, receivedAt);
  }

  private static AlertRecord alert(String id, Instant opened, Instant closed, double peak) {
    return new AlertRecord(id, "concentration", "outlet", "UPS-WW1", "w01018", "critical", opened, closed, peak, 50.0,
        List.of("w01018-Avg " + peak), null, null);
  }

  @Order(4)
  @ParameterizedTest
  @EnumSource(DatabaseEngine.class)
  void exportAndAcceptanceReadTheIndicatorHypertable(DatabaseEngine engine, DatabaseEngines.ForClass databases)
      throws Exception {
    DataSource database = migrated(databases, engine);
    ReferenceTables.sync(database, ReferenceLoader.parse("reference.yaml", """
        parks:
          - {id: ACC, name: 验收园区, city: 苏州, level: national, land_area_km2: 10}
        enterprises:
          - {id: ACC-E1, park: ACC, name: 一号企业}
        meters:
          - {id: ACC-E1-ELEC, enterprise: ACC-E1, medium: electricity, reading: cumulative, unit: kWh}
        targets:
          - {park: ACC, year: 2025, indicator: energy_output_rate, target: 2.5}
        """), LocalDate.of(2025, 1, 1));
    Instant year2025 = Instant.parse("2024-12-31T16:00:00Z"); // 2025-01-01 in Shanghai
    try (Connection connection = database.getConnection()) {
      IndicatorUpserts.upsert(connection, List.of(
          new IndicatorRecord("park", "ACC", "year", year2025, "energy_output_rate", 2.4, "10k CNY/tce"),
          new IndicatorRecord("park", "ACC", "month", year2025, "energy_output_rate", 2.2, "10k CNY/tce")));
    }

    StringWriter csv = new StringWriter();
    IndicatorExport.writeCsv(IndicatorExport.query(database, new ExportFilter("park", "ACC", null, null, null)), csv);
    assertThat(csv.toString().lines()).containsExactly(IndicatorExport.CSV_HEADER,
        "park,ACC,month,2025-01-01T00:00:00+08:00,energy_output_rate,2.2,10k CNY/tce",
        "park,ACC,year,2025-01-01T00:00:00+08:00,energy_output_rate,2.4,10k CNY/tce");
    ParkResult acc = AcceptanceQueries.assess(database, 2025, Instant.parse("2026-06-01T00:00:00Z")).stream()
        .filter(result -> result.park().id().equals("ACC")).findFirst().orElseThrow();
    // 2.4 of a target of 2.5 is 96 %, above the 90 % that passes
    assertThat(acc.status()).isEqualTo(ParkResult.Status.PASSES);
    assertThat(acc.targets().get(0).completion()).isCloseTo(0.96, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Order(5)
  @ParameterizedTest
  @EnumSource(value = DatabaseEngine.class, names = {"POSTGRESQL", "TIMESCALEDB_APACHE"})
  void retentionRemovesOldReadingsWhereNoPolicyDoes(DatabaseEngine engine, DatabaseEngines.ForClass databases)
      throws Exception {
    DataSource database = migrated(databases, engine);
    Instant old = NOW.minus(500, ChronoUnit.DAYS);
    Instant recent = NOW.minus(30, ChronoUnit.DAYS);
    try (Connection connection = database.getConnection()) {
      ReadingTable.upsert(connection, List.of(new ReadingRecord("RET-M", old, 1, old),
          new ReadingRecord("RET-M", old.plusSeconds(900), 2, old), new ReadingRecord("RET-M", recent, 3, recent)));
    }
    long chunksBefore = engine == DatabaseEngine.POSTGRESQL ? 0 : readingChunks(database);

    long removed = new Retention("13 months", "100 years").apply(database);

    assertThat(removed).as("the two readings 500 days old").isEqualTo(2);
    assertThat(rows(database, "select value from reading where meter = 'RET-M'")).containsExactly("3.0");
    if (engine == DatabaseEngine.TIMESCALEDB_APACHE) {
      assertThat(readingChunks(database)).as("the old readings' chunk is dropped, not emptied").isLessThan(chunksBefore);
    }
  }

  @Order(6)
  @ParameterizedTest
  @EnumSource(value = DatabaseEngine.class, names = "TIMESCALEDB_TSL")
  void readingIsCompressedAndAgedOutByItsPolicies(DatabaseEngine engine, DatabaseEngines.ForClass databases)
      throws Exception {
    DataSource database = migrated(databases, engine);
    List<ReadingRecord> readings = new ArrayList<>();
    double sum = 0;
    for (int day = 0; day < 35; day++) { // five weeks of one reading a day, 1.0 to 35.0
      readings.add(new ReadingRecord("CMP-M", NOW.minus(day, ChronoUnit.DAYS), day + 1, NOW));
      sum += day + 1;
    }
    Instant expired = NOW.minus(500, ChronoUnit.DAYS);
    readings.add(new ReadingRecord("CMP-OLD", expired, 7, expired));
    try (Connection connection = database.getConnection()) {
      ReadingTable.upsert(connection, readings);
    }

    runJob(database, "policy_compression");

    List<String> chunks = rows(database, """
        select is_compressed, count(*) from timescaledb_information.chunks
        where hypertable_name = 'reading' and range_end < now() - interval '7 days' group by 1""");
    assertThat(chunks).as("every chunk older than a week, compressed").hasSize(1).first().asString().startsWith("true ");
    assertThat(rows(database, "select count(*), sum(value) from reading where meter = 'CMP-M'"))
        .as("compressed rows stay readable").containsExactly("35 " + sum);
    // the sink's upsert still lands on a compressed chunk and keeps the larger value
    Instant compressedTs = NOW.minus(30, ChronoUnit.DAYS);
    try (Connection connection = database.getConnection()) {
      ReadingTable.upsert(connection, List.of(new ReadingRecord("CMP-M", compressedTs, 100, NOW),
          new ReadingRecord("CMP-M", compressedTs, 1, NOW)));
    }
    assertThat(rows(database, "select value from reading where meter = 'CMP-M' and ts = '" + compressedTs + "'"))
        .containsExactly("100.0");

    runJob(database, "policy_retention");

    assertThat(rows(database, "select count(*) from reading where meter = 'CMP-OLD'")).as("older than 13 months").containsExactly("0");
    assertThat(rows(database, "select count(*) from reading where meter = 'CMP-M'")).containsExactly("35");
  }

  @Order(7)
  @ParameterizedTest
  @EnumSource(DatabaseEngine.class)
  void theVersionsOfADatedChangeApplyFromTheFilesDayNotTheSyncs(DatabaseEngine engine,
      DatabaseEngines.ForClass databases) throws Exception {
    DataSource database = migrated(databases, engine);
    String yaml = """
        parks:
          - id: VER
            name: 版本园区
            city: 苏州
            level: national
            land_area_km2: 10
            changes:
              - {valid_from: 2026-07-01, land_area_km2: 12}
        enterprises:
          - {id: VER-E1, park: VER}
        meters:
          - id: VER-E1-GAS
            enterprise: VER-E1
            medium: natural_gas
            reading: cumulative
            unit: m3
            standard_coal_factor: 1.2
            changes:
              - {valid_from: 2027-01-01, standard_coal_factor: 1.4}
        """;
    // synced first before the park's change, then again after it with a change of the meter's ahead
    ReferenceTables.sync(database, ReferenceLoader.parse("reference.yaml", yaml), LocalDate.of(2026, 5, 1));
    ReferenceTables.sync(database, ReferenceLoader.parse("reference.yaml", yaml), LocalDate.of(2026, 12, 7));

    assertThat(rows(database, "select valid_from::text, land_area_km2 from park_version where park_id = 'VER' order by 1"))
        .containsExactly("-infinity 10.0", "2026-07-01 12.0");
    assertThat(rows(database, "select land_area_km2 from park where id = 'VER'")).containsExactly("12.0");
    assertThat(rows(database, """
        select valid_from::text, coal_factor_kgce, tce_per_unit from meter_version where meter_id = 'VER-E1-GAS' order by 1"""))
        .containsExactly("-infinity 1.2 0.0012", "2027-01-01 1.4 0.0014");
    assertThat(rows(database, "select coal_factor_kgce from meter where id = 'VER-E1-GAS'")).containsExactly("1.2");
  }

  private static void runJob(DataSource database, String procedure) throws SQLException {
    String job = rows(database, "select job_id from timescaledb_information.jobs where hypertable_name = 'reading'"
        + " and proc_name = '" + procedure + "'").get(0);
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("call run_job(" + job + ")");
    }
  }

  private static long readingChunks(DataSource database) throws SQLException {
    return Long.parseLong(rows(database, "select count(*) from show_chunks('reading')").get(0));
  }

  private static DataSource migrated(DatabaseEngines.ForClass databases, DatabaseEngine engine) {
    TestDatabase database = databases.get(engine);
    Migrations.migrate(database.dataSource());
    System.out.println(engine + ": " + database.describe());
    return database.dataSource();
  }

  /** The V*.sql files in the module's source tree (the tests' working directory), counted without Flyway. */
  private static long migrationFiles() throws IOException {
    Path dir = Path.of("src/main/resources/db/migration");
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
    }
  }

  static List<String> rows(DataSource database, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
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
