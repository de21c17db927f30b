package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import io.parkloop.ingest.hj212.Hj212Upload;
import io.parkloop.ingest.hj212.Hj212Version;
import io.parkloop.launcher.replay.Replay;
import io.parkloop.launcher.replay.ReplayFiles;
import io.parkloop.launcher.replay.ReplaySummary;
import io.parkloop.readside.AlertFilter;
import io.parkloop.readside.AlertQueries;
import io.parkloop.reference.Province;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import io.parkloop.storage.AlertRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * HJ 212-2025's equipment packets through ingest and both jobs into the database: ST 44's power and
 * energy and ST 45's operating conditions become rows of {@code equipment_reading} (one per code,
 * kind, period, quantity and instant, a packet sent twice included), the +9999.99 sentinel is kept
 * flagged {@code U} and counts nowhere, and the treatment plant idling while its outlet discharges
 * is one {@code treatment_stopped} alert. Expected rows are the input's own values, written out here.
 */
@ExtendWith(SharedServices.class)
class EquipmentReadingsIT {
  private static final ZoneId SHANGHAI = Province.ZONE;
  private static final ReferenceData REFERENCE = ReferenceLoader.parse("equipment-it.yaml", """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
      enterprises:
        - {id: E2, park: SIP}
      outlets:
        - id: E2-WW1
          enterprise: E2
          type: water
          mn: "88888880000009"
          treatment_equipment: [e30101]
          production_equipment: [e30201]
          idle_kw: 2
      """);
  /** Midnight three days ago in Shanghai: every packet lies in the past, well within any retention. */
  private static final Instant D = LocalDate.now(SHANGHAI).minusDays(3).atStartOfDay(SHANGHAI).toInstant();
  /**
   * The treatment plant's power by hour (kW): idle from 04:00 to 06:00; at 07:00 it could not be
   * computed (the sentinel, no treatment data: the episode goes on); running again at 08:00.
   */
  private static final double[] TREATMENT_KW = {30, 31, 29, 30, 0.3, 0.5, 1.8, 9999.99, 30};
  private static final double PRODUCTION_KW = 90;

  private static Instant hour(int h) {
    return D.plus(Duration.ofHours(h));
  }

  private static String packet(int st, int h, String values) {
    return Hj212Upload.of("2061", "88888880000009", hour(h), values).sentAt(hour(h).plusSeconds(300)).system(st)
        .version(Hj212Version.HJ212_2025).line();
  }

  private static List<String> packets() {
    List<String> lines = new ArrayList<>();
    for (int h = 0; h < TREATMENT_KW.length; h++) {
      double treatment = TREATMENT_KW[h];
      String energy = treatment == 9999.99 ? "" : ",e30101-Cou=" + treatment;
      lines.add(packet(44, h, String.format(Locale.ROOT, "e30101-Avg=%s%s,e30101-Flag=N;e30201-Avg=%s,e30201-Flag=N",
          treatment, energy, PRODUCTION_KW)));
      lines.add(packet(32, h, "w01018-Avg=20.5,w01018-Flag=N;w00000-Cou=12.0,w00000-Flag=N"));
    }
    lines.add(packet(45, 0, "e30101-Avg=1,e30101-Flag=N"));
    lines.add(lines.get(2 * 5)); // the 05:00 electricity packet sent twice (a re-upload)
    return lines;
  }

  @Test
  void theEquipmentsValuesAreStoredOnceEachAndAnIdleTreatmentPlantIsOneAlert(TestClassServices services,
      @TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("packets.h212"), packets(), StandardCharsets.UTF_8);

    ReplaySummary summary = new Replay(REFERENCE, services.jdbcUrl()).run(new ReplayFiles(null, file, null));

    assertThat(summary.deadLetters()).isEmpty();
    assertThat(summary.unattributed()).isZero();
    assertThat(summary.late()).isZero();
    DataSource database = services.dataSource();
    List<String> expected = new ArrayList<>();
    expected.add(row(0, "e30101", "Avg", "condition", 1, "N"));
    for (int h = 0; h < TREATMENT_KW.length; h++) {
      boolean sentinel = TREATMENT_KW[h] == 9999.99;
      expected.add(row(h, "e30101", "Avg", "power", TREATMENT_KW[h], sentinel ? "U" : "N"));
      if (!sentinel) {
        expected.add(row(h, "e30101", "Cou", "energy", TREATMENT_KW[h], "N"));
      }
      expected.add(row(h, "e30201", "Avg", "power", PRODUCTION_KW, "N"));
    }
    assertThat(rows(database, """
        select outlet_id, code, kind, period, quantity, ts, value, flag from equipment_reading"""))
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(rows(database, "select meter from reading")).as("no meters here: pollutant data are no readings")
        .isEmpty();

    List<AlertRecord> stopped = AlertQueries.list(database, AlertFilter.all()).stream()
        .filter(alert -> alert.kind().equals("treatment_stopped")).toList();
    String day = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(SHANGHAI).format(D);
    assertThat(stopped).extracting(AlertRecord::scopeId, AlertRecord::severity, AlertRecord::openedAt,
            AlertRecord::closedAt, AlertRecord::peakValue, AlertRecord::limitValue)
        .containsExactly(tuple("E2-WW1", "critical", hour(4), hour(8), 0.3, 2.0));
    assertThat(stopped.get(0).evidence()).startsWith(
        day + " 04:00:00 treatment 0.3 kW, production 90 kW, discharged 12 m³",
        day + " 05:00:00 treatment 0.5 kW, production 90 kW, discharged 12 m³");
  }

  private static String row(int h, String code, String kind, String quantity, double value, String flag) {
    return String.join(" ", "E2-WW1", code, kind, "hour", quantity, hour(h).toString(), Double.toString(value), flag);
  }

  private static List<String> rows(DataSource database, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int c = 1; c <= columns; c++) {
          Object value = result.getObject(c);
          row.add(value instanceof java.sql.Timestamp ts ? ts.toInstant().toString() : String.valueOf(value));
        }
        rows.add(String.join(" ", row));
      }
    }
    return rows;
  }
}
