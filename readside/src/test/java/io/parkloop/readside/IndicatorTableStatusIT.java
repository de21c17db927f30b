package io.parkloop.readside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parkloop.reference.ReferenceLoader;
import io.parkloop.storage.IndicatorRecord;
import io.parkloop.storage.IndicatorUpserts;
import io.parkloop.storage.ReferenceTables;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The live table's and the replay summary's questions to indicator_value, on a real PostgreSQL. */
class IndicatorTableStatusIT {
  private static final String REFERENCE = """
      parks:
        - {id: P1, name: 一号园区, city: 苏州, level: national, land_area_km2: 10.0}
        - {id: P2, name: 二号园区, city: 南通, level: provincial, land_area_km2: 5.0}
      enterprises:
        - {id: E1, park: P1, name: 一号企业}
      meters:
        - {id: E1-ELEC, enterprise: E1, medium: electricity, reading: cumulative, unit: kWh}
      """;
  private static final Instant MARCH_2 = Instant.parse("2026-03-02T00:00:00+08:00");

  @Test
  void countsRowsAndTellsEachParksDay() throws Exception {
    DataSource database = TestPostgres.database("indicator_table_status");
    Migrations.migrate(database);
    ReferenceTables.sync(database, ReferenceLoader.parse("reference.yaml", REFERENCE), LocalDate.of(2026, 1, 1));
    try (Connection connection = database.getConnection()) {
      assertThat(IndicatorTableStatus.rows(connection)).isZero();
      assertThat(IndicatorTableStatus.secondsSinceNewestWrite(connection)).isEmpty();

      Instant before = Instant.now().minusSeconds(60);
      IndicatorUpserts.upsert(connection, List.of(
          new IndicatorRecord("park", "P1", "day", MARCH_2, "energy_tce", 12.5, "tce"),
          new IndicatorRecord("park", "P1", "day", MARCH_2, "fresh_water_m3", 300, "m3"),
          new IndicatorRecord("park", "P1", "day", MARCH_2, "recycled_water_m3", 100, "m3"),
          // another day and another scope: not P1's figures of 2 March
          new IndicatorRecord("park", "P1", "day", MARCH_2.minusSeconds(86_400), "energy_tce", 99, "tce"),
          new IndicatorRecord("enterprise", "E1", "day", MARCH_2, "energy_tce", 12.5, "tce")));

      assertThat(IndicatorTableStatus.rows(connection)).isEqualTo(5);
      assertThat(IndicatorTableStatus.rowsWrittenSince(connection, before)).isEqualTo(5);
      assertThat(IndicatorTableStatus.rowsWrittenSince(connection, Instant.now().plusSeconds(3_600))).isZero();
      OptionalDouble age = IndicatorTableStatus.secondsSinceNewestWrite(connection);
      assertThat(age).isPresent();
      assertThat(age.getAsDouble()).isBetween(-5.0, 60.0);
      List<IndicatorTableStatus.ParkDay> days = IndicatorTableStatus.parkDays(connection, MARCH_2);
      assertThat(days).extracting(IndicatorTableStatus.ParkDay::park).containsExactly("P1", "P2");
      IndicatorTableStatus.ParkDay p1 = days.get(0);
      assertThat(p1.name()).isEqualTo("一号园区");
      assertThat(p1.energyTce()).isCloseTo(12.5, within(1e-9));
      assertThat(p1.freshWaterM3()).isCloseTo(300, within(1e-9));
      assertThat(p1.recycledWaterM3()).isCloseTo(100, within(1e-9));
      assertThat(days.get(1).energyTce()).isZero();
    }
  }
}
