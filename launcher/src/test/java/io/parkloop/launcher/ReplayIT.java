package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import io.parkloop.ingest.hj212.Hj212Frames;
import io.parkloop.launcher.replay.Replay;
import io.parkloop.launcher.replay.ReplayFiles;
import io.parkloop.launcher.replay.ReplaySummary;
import io.parkloop.readside.ExportFilter;
import io.parkloop.readside.IndicatorExport;
import io.parkloop.reference.Province;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code parkloop replay} on a real PostgreSQL: a day of two meters' quarter-hourly readings
 * with the faults real files have (broken lines, unknown meters, a duplicate, disorder, a reading
 * beyond the maximum age) and a few HJ 212 packets end as the hand-computed indicator rows,
 * counted dead letters, and the same export when replayed again.
 */
@ExtendWith(SharedServices.class)
class ReplayIT {
  private static final ZoneId SHANGHAI = Province.ZONE;
  private static final String REFERENCE_YAML = """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
        - {id: YCEP, name: 盐城环保科技城, city: 盐城, level: provincial, land_area_km2: 50.0}
      enterprises:
        - {id: E1, park: SIP}
        - {id: E2, park: YCEP}
      meters:
        - {id: E1-ELEC, enterprise: E1, medium: electricity, reading: cumulative, unit: kWh}
        - {id: E2-FW, enterprise: E2, medium: fresh_water, reading: cumulative, unit: m3}
      outlets:
        - {id: E2-WW1, enterprise: E2, type: water, mn: "88888880000001", limits_mg_per_l: {w01018: 50}}
      """;
  private static final ReferenceData REFERENCE = ReferenceLoader.parse("replay-it.yaml", REFERENCE_YAML);
  private static final LocalDate DAY = LocalDate.of(2026, 3, 1);
  private static final Instant MIDNIGHT = DAY.atStartOfDay(SHANGHAI).toInstant();
  /** Quarter hours from DAY's midnight to 02:00 the next day. */
  private static final int QUARTERS = 26 * 4;
  private static final double KGCE_PER_KWH = 0.1229;

  @TempDir static Path files;
  static Path readings;
  static Path packets;
  static Path statistics;
  /** The line of the gateway's batch, whose third element names an unknown meter. */
  static int gatewayLine;

  /** E1's counter gains 100 kWh and E2's 2 m³ a quarter hour. */
  private static double elec(int quarter) {
    return 10_000 + 100.0 * quarter;
  }

  private static double water(int quarter) {
    return 500 + 2.0 * quarter;
  }

  private static String reading(String meter, Instant ts, double value, String unit) {
    return String.format(Locale.ROOT, "{\"meter\": \"%s\", \"ts\": \"%s\", \"value\": %s%s}", meter,
        OffsetDateTime.ofInstant(ts, Province.ZONE), value, unit == null ? "" : ", \"unit\": \"" + unit + "\"");
  }

  private static Instant at(int quarter) {
    return MIDNIGHT.plus(Duration.ofMinutes(15L * quarter));
  }

  @BeforeAll
  static void writeFiles() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int q = 0; q <= QUARTERS; q++) {
      if (q == 40) {
        // a gateway's batch: both meters, E1 in MWh, and an element of a meter nobody knows
        lines.add("[" + reading("E1-ELEC", at(q), elec(q) / 1000, "MWh") + ", " + reading("E2-FW", at(q), water(q), "m3")
            + ", " + reading("E9-GONE", at(q), 1, null) + "]");
        continue;
      }
      lines.add(reading("E1-ELEC", at(q), elec(q), null));
      lines.add(reading("E2-FW", at(q), water(q), null));
    }
    // 05:00 to 07:00 arrives backwards, well within the maximum age
    Collections.reverse(lines.subList(2 * 20, 2 * 28));
    lines.add(30, lines.get(12)); // QoS 1 delivered that one twice
    lines.add(50, "{\"meter\": \"E1-ELEC\", \"ts\": ");
    lines.add(60, reading("E3-ELEC", at(10), 5, null));
    lines.add(70, "{\"meter\": \"E1-ELEC\", \"ts\": \"2026-03-01T03:00:00+08:00\", \"value\": NaN}");
    lines.add(80, reading("E2-FW", at(11), 99, "kWh"));
    lines.add(90, reading("E1-ELEC", Instant.parse("2099-01-01T00:00:00Z"), 1, null));
    lines.add(100, "");
    gatewayLine = lines.indexOf(lines.stream().filter(line -> line.startsWith("[")).findFirst().orElseThrow()) + 1;
    // eight days behind the newest reading: beyond the maximum age of seven days
    lines.add(reading("E1-ELEC", MIDNIGHT.minus(Duration.ofDays(8)), 9_000, null));
    readings = files.resolve("readings.jsonl");
    Files.write(readings, lines, StandardCharsets.UTF_8);

    String hourly = "QN=20260301090000000;ST=32;CN=2061;PW=123456;MN=88888880000001;Flag=4;CP=&&DataTime=20260301080000;"
        + "w01018-Avg=20.5,w01018-Flag=N;w00000-Cou=120.0,w00000-Flag=N&&";
    byte[] badCrc = Hj212Frames.encode(hourly);
    badCrc[badCrc.length - 3] = badCrc[badCrc.length - 3] == '0' ? (byte) '1' : (byte) '0';
    statistics = files.resolve("statistics.csv");
    Files.writeString(statistics, "enterprise,month,value_added_10k_cny,output_value_10k_cny,material_t\nE1,2026-03,2708,9000,\n");
    packets = files.resolve("packets.h212");
    Files.write(packets, List.of(text(Hj212Frames.encode(hourly)), text(badCrc),
        text(Hj212Frames.encode(hourly.replace("88888880000001", "99999999999999")))), StandardCharsets.UTF_8);
  }

  private static String text(byte[] frame) {
    return new String(frame, StandardCharsets.US_ASCII).strip();
  }

  @Test
  void replaysReadingsIntoIndicatorRowsCountsWhatItRefusedAndGivesTheSameExportTwice(TestClassServices services,
      @TempDir Path out) throws Exception {
    Replay replay = new Replay(REFERENCE, services.jdbcUrl());
    ReplaySummary summary = replay.run(new ReplayFiles(readings, packets, statistics));

    long jsonLines = Files.readAllLines(readings).size();
    assertThat(summary.linesByFile()).containsExactly(Map.entry(readings.toString(), jsonLines),
        Map.entry(packets.toString(), 3L));
    // both meters every quarter hour (two of them in the gateway's batch), the duplicate and the late one
    assertThat(summary.meterReadings()).isEqualTo(2L * (QUARTERS + 1) + 2);
    assertThat(summary.outletValues()).isEqualTo(2);
    assertThat(summary.duplicates()).isEqualTo(1);
    assertThat(summary.late()).isEqualTo(1);
    assertThat(summary.unattributed()).isZero();
    Map<String, Long> refused = Map.of("malformed_json", 1L, "unknown_meter", 2L, "non_finite_value", 1L,
        "unconvertible_unit", 1L, "future_timestamp", 1L, "bad_crc", 1L, "unknown_mn", 1L);
    assertThat(summary.deadLetters()).isEqualTo(refused);
    assertThat(summary.indicatorRows()).isPositive();
    assertThat(summary.enterpriseMonths()).isEqualTo(1);
    assertThat(replay.progress()).contains(String.format("readings %,d of %,d through",
        summary.meterReadings() + summary.outletValues(), summary.meterReadings() + summary.outletValues()));

    DataSource database = services.dataSource();
    assertThat(deadLettersByReason(database)).isEqualTo(refused);
    assertThat(gatewayElementDeadLetter(database)).isEqualTo("file:readings.jsonl:" + gatewayLine + " element 2");

    // a full day of each meter, whatever order it came in
    assertThat(dayValue(database, "enterprise", "E1", DAY, "electricity_kwh")).hasValueCloseTo(9_600.0, within(1e-6));
    assertThat(dayValue(database, "enterprise", "E1", DAY, "energy_tce"))
        .hasValueCloseTo(9_600 * KGCE_PER_KWH / 1000, within(1e-9));
    assertThat(dayValue(database, "enterprise", "E2", DAY, "fresh_water_m3")).hasValueCloseTo(192.0, within(1e-6));
    assertThat(dayValue(database, "enterprise", "E1", DAY.plusDays(1), "electricity_kwh")).hasValueCloseTo(800.0, within(1e-6));
    assertThat(dayValue(database, "province", Province.NAME, DAY, "energy_tce"))
        .hasValueCloseTo(9_600 * KGCE_PER_KWH / 1000, within(1e-9));
    // the late reading (1,000 kWh spread over the eight days before midnight, had it counted) is kept aside, not counted
    assertThat(dayValue(database, "enterprise", "E1", DAY.minusDays(1), "electricity_kwh").orElse(0)).isZero();
    assertThat(lateReadings(database)).isEqualTo(1);
    // March so far: the whole 1st and two hours of the 2nd, joined to March's value added
    double marchTce = (9_600 + 800) * KGCE_PER_KWH / 1000;
    assertThat(value(database, "enterprise", "E1", "month", DAY, "value_added_10k_cny")).hasValueCloseTo(2_708.0, within(1e-9));
    assertThat(value(database, "enterprise", "E1", "month", DAY, "energy_output_rate"))
        .hasValueCloseTo(2_708 / marchTce, within(1e-6));

    String export = exportCsv(database);
    int exitCode = new CommandLine(new ReplayCommand()).execute("--jdbc", services.jdbcUrl(),
        "--reference", referenceFile(out).toString(), "--readings", readings.toString(), "--hj212", packets.toString(),
        "--statistics", statistics.toString());
    assertThat(exitCode).isZero();
    assertThat(exportCsv(database)).isEqualTo(export);
    // dead letters are events: the second replay's are stored beside the first's
    assertThat(deadLettersByReason(database)).allSatisfy((reason, count) -> assertThat(count).isEqualTo(2 * refused.get(reason)));

    Path json = out.resolve("day.json");
    assertThat(new CommandLine(new ExportCommand()).execute("--jdbc", services.jdbcUrl(), "--scope-type", "enterprise",
        "--period-type", "day", "--from", "2026-03-01", "--to", "2026-03-01", "--format", "json", "--out", json.toString()))
        .isZero();
    JsonNode rows = new ObjectMapper().readTree(json.toFile());
    assertThat(rows).isNotEmpty().allSatisfy(row ->
        assertThat(row.get("period_start").asText()).isEqualTo("2026-03-01T00:00:00+08:00"));
    assertThat(rows).anySatisfy(row -> {
      assertThat(row.get("scope_id").asText()).isEqualTo("E1");
      assertThat(row.get("indicator").asText()).isEqualTo("electricity_kwh");
      assertThat(row.get("value").isNumber()).isTrue();
      assertThat(row.get("value").asDouble()).isEqualTo(9_600);
    });
  }

  private static Path referenceFile(Path dir) throws Exception {
    return Files.writeString(dir.resolve("reference.yaml"), REFERENCE_YAML);
  }

  private static String exportCsv(DataSource database) throws Exception {
    StringWriter csv = new StringWriter();
    IndicatorExport.writeCsv(IndicatorExport.query(database, ExportFilter.all()), csv);
    return csv.toString();
  }

  private static OptionalDouble dayValue(DataSource database, String scopeType, String scopeId, LocalDate day,
      String indicator) throws Exception {
    return value(database, scopeType, scopeId, "day", day, indicator);
  }

  private static OptionalDouble value(DataSource database, String scopeType, String scopeId, String periodType,
      LocalDate start, String indicator) throws Exception {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement("""
            select value from indicator_value where scope_type = ? and scope_id = ? and period_type = ?
            and period_start = ? and indicator = ?""")) {
      statement.setString(1, scopeType);
      statement.setString(2, scopeId);
      statement.setString(3, periodType);
      statement.setTimestamp(4, Timestamp.from(start.atStartOfDay(SHANGHAI).toInstant()));
      statement.setString(5, indicator);
      try (ResultSet result = statement.executeQuery()) {
        return result.next() ? OptionalDouble.of(result.getDouble(1)) : OptionalDouble.empty();
      }
    }
  }

  private static Map<String, Long> deadLettersByReason(DataSource database) throws Exception {
    Map<String, Long> byReason = new TreeMap<>();
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement("select reason, count(*) from dead_letter group by reason");
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        byReason.put(result.getString(1), result.getLong(2));
      }
    }
    return byReason;
  }

  private static String gatewayElementDeadLetter(DataSource database) throws Exception {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "select source, element from dead_letter where reason = 'unknown_meter' and element is not null");
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getString(1) + " element " + result.getInt(2);
    }
  }

  private static long lateReadings(DataSource database) throws Exception {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement("select count(*) from late_reading");
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }
}
