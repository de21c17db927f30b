package io.parkloop.readside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import io.parkloop.storage.ReferenceTables;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** The migrations on a fresh database and on one that V4 made and filled, and the reference versions. */
class MigrationsIT {
  private static final String REFERENCE = """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: %s}
      enterprises:
        - {id: E1, park: SIP, name: 一号企业}
      meters:
        - {id: E1-ELEC, enterprise: E1, medium: electricity, reading: cumulative, unit: kWh, rollover: 99999999%s}
        - {id: E1-GAS, enterprise: E1, medium: natural_gas, reading: cumulative, unit: m3}
      outlets:
        - {id: E1-WW1, enterprise: E1, type: water, mn: "88888880000001", limits_mg_per_l: {w01018: 50, w21003: 5}}
      permits:
        - {enterprise: E1, factor: w01018, tonnes_per_year: 12.0}
      targets:
        - {park: SIP, year: 2026, indicator: energy_output_rate, target: 2.5}
      %s""";
  private static final String COD_TARGET = "  - {park: SIP, year: 2026, indicator: cod_intensity, target: 0.5}\n";

  @Test
  void aFreshDatabaseGetsEveryTableAndTheFirstVersions() throws Exception {
    DataSource database = TestPostgres.database("migrations_fresh");

    assertThat(Migrations.migrate(database)).as("V1 to the latest").isGreaterThanOrEqualTo(5);
    assertThat(rows(database, "select count(*) from flyway_schema_history where not success")).containsExactly("0");
    ReferenceTables.sync(database, reference(278.0, "", COD_TARGET), LocalDate.of(2026, 1, 10));

    assertThat(rows(database, "select id, type, mn from outlet")).containsExactly("E1-WW1|water|88888880000001");
    assertThat(rows(database, "select factor, limit_value from outlet_limit order by factor"))
        .containsExactly("w01018|50.0", "w21003|5.0");
    assertThat(rows(database, "select enterprise_id, factor, tonnes_per_year from permit")).containsExactly("E1|w01018|12.0");
    assertThat(rows(database, "select park_id, year, indicator, target from target order by indicator"))
        .containsExactly("SIP|2026|cod_intensity|0.5", "SIP|2026|energy_output_rate|2.5");
    assertThat(rows(database, "select park_id, valid_from::text, land_area_km2 from park_version"))
        .containsExactly("SIP|-infinity|278.0");
    assertThat(rows(database, "select meter_id, rollover, tce_per_unit from meter_version order by meter_id"))
        .containsExactly("E1-ELEC|9.9999999E7|1.229E-4", "E1-GAS|null|0.0012143");
    assertThat(rows(database, "select tce_per_unit from meter where id = 'E1-ELEC'")).containsExactly("1.229E-4");
  }

  @Test
  void aChangedLandAreaOrFactorIsANewVersionFromItsDayAndTheOldOneStays() throws Exception {
    DataSource database = TestPostgres.database("migrations_versions");
    Migrations.migrate(database);
    ReferenceTables.sync(database, reference(278.0, "", COD_TARGET), LocalDate.of(2026, 1, 10));

    ReferenceTables.sync(database, reference(300.0, ", standard_coal_factor: 0.2", ""), LocalDate.of(2026, 4, 1));
    ReferenceTables.sync(database, reference(300.0, ", standard_coal_factor: 0.2", ""), LocalDate.of(2026, 4, 2));

    assertThat(rows(database, "select valid_from::text, land_area_km2 from park_version order by valid_from"))
        .containsExactly("-infinity|278.0", "2026-04-01|300.0");
    assertThat(rows(database, "select land_area_km2 from park_on('2026-03-31')")).containsExactly("278.0");
    assertThat(rows(database, "select land_area_km2 from park_on('2026-04-01')")).containsExactly("300.0");
    assertThat(rows(database, "select land_area_km2 from park")).containsExactly("300.0");
    assertThat(rows(database, "select valid_from::text, coal_factor_kgce, tce_per_unit from meter_version"
        + " where meter_id = 'E1-ELEC' order by valid_from"))
        .containsExactly("-infinity|null|1.229E-4", "2026-04-01|0.2|2.0E-4");
    assertThat(rows(database, "select tce_per_unit from meter_on('2026-02-01') where meter_id = 'E1-ELEC'"))
        .containsExactly("1.229E-4");
    // a target that left reference.yaml is no longer assessed
    assertThat(rows(database, "select indicator from target")).containsExactly("energy_output_rate");
  }

  @Test
  void aDatabaseOfVersionFourKeepsItsRowsAndGetsSaneNewColumns() throws Exception {
    DataSource database = TestPostgres.database("migrations_from_v4");
    // without afterMigrate.sql: it calls a function of V10, which a V4 database does not have yet
    Flyway.configure(Migrations.class.getClassLoader()).dataSource(database).locations("classpath:db/migration")
        .target("4").skipDefaultCallbacks(true).load().migrate();
    execute(database, """
        insert into park values ('SIP', '苏州工业园区', '苏州', '苏南', 'national', 278.0);
        insert into enterprise values ('E1', 'SIP', '一号企业', null);
        insert into meter values ('E1-ELEC', 'E1', 'electricity', 'cumulative', 'kWh'),
                                 ('E1-STM', 'E1', 'steam', 'interval', 't'), ('E1-FW', 'E1', 'fresh_water', 'cumulative', 'm3');
        insert into indicator_value (scope_type, scope_id, period_type, period_start, indicator, value, unit)
          values ('park', 'SIP', 'year', '2026-01-01T00:00+08', 'energy_output_rate', 2.4, '10k CNY/tce');
        insert into dead_letter (received_at, source, reason, detail, payload)
          values ('2026-03-01T00:00+08', 'mqtt:x', 'unknown_meter', 'no such meter', '\\x7b7d');
        insert into alerts (id, kind, scope_type, scope_id, severity, opened_at)
          values ('a1', 'silence', 'meter', 'E1-ELEC', 'warning', '2026-03-01T00:00+08');
        """);

    assertThat(Migrations.migrate(database)).as("V5 to the latest").isGreaterThanOrEqualTo(1);
    assertThat(rows(database, "select count(*) from flyway_schema_history where version = '5' and success"))
        .containsExactly("1");

    assertThat(rows(database, "select scope_id, value from indicator_value")).containsExactly("SIP|2.4");
    assertThat(rows(database, "select reason from dead_letter")).containsExactly("unknown_meter");
    assertThat(rows(database, "select id from alerts")).containsExactly("a1");
    assertThat(rows(database, "select id, tce_per_unit, rollover from meter order by id"))
        .containsExactly("E1-ELEC|1.229E-4|null", "E1-FW|0.0|null", "E1-STM|0.1286|null");
    assertThat(rows(database, "select park_id, valid_from::text, land_area_km2 from park_version"))
        .containsExactly("SIP|-infinity|278.0");
    assertThat(rows(database, "select meter_id, valid_from::text, tce_per_unit from meter_version order by meter_id"))
        .containsExactly("E1-ELEC|-infinity|1.229E-4", "E1-FW|-infinity|0.0", "E1-STM|-infinity|0.1286");
    assertThat(rows(database, "select count(*) from target")).containsExactly("0");
  }

  @Test
  void aDatabaseThatRanTheFirstV12TakesTheNewTextAndAnyOtherChangeStillFails() throws Exception {
    DataSource database = TestPostgres.database("migrations_first_v12");
    // without afterMigrate.sql: it calls a function of V13
    Flyway.configure(Migrations.class.getClassLoader()).dataSource(database).locations("classpath:db/migration")
        .placeholders(java.util.Map.of("readingsRetention", "13 months"))
        .target("12").skipDefaultCallbacks(true).load().migrate();
    assertThat(rows(database, "select checksum from flyway_schema_history where version = '12'"))
        .as("Flyway's own checksum of V12").containsExactly(String.valueOf(Migrations.V12_CHECKSUM));
    // on plain PostgreSQL the first text made the same table: only the recorded checksum differs
    execute(database, "update flyway_schema_history set checksum = " + Migrations.FIRST_V12_CHECKSUM + " where version = '12'");

    assertThat(Migrations.migrate(database)).as("V13 onwards").isPositive();
    assertThat(rows(database, "select checksum from flyway_schema_history where version = '12'"))
        .containsExactly(String.valueOf(Migrations.V12_CHECKSUM));

    execute(database, "update flyway_schema_history set checksum = 12345 where version = '12'");
    assertThatThrownBy(() -> Migrations.migrate(database)).hasMessageContaining("checksum mismatch");
  }

  /** The reference data with the park's land area, extra keys of the electricity meter and more targets. */
  private static ReferenceData reference(double landArea, String electricityKeys, String moreTargets) {
    return ReferenceLoader.parse("reference.yaml", REFERENCE.formatted(landArea, electricityKeys, moreTargets));
  }

  private static void execute(DataSource database, String sql) throws SQLException {
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Each row's columns joined by {@code |}. */
  private static List<String> rows(DataSource database, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(String.valueOf(result.getObject(i)));
        }
        rows.add(String.join("|", values));
      }
    }
    return rows;
  }
}
