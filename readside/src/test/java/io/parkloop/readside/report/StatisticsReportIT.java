package io.parkloop.readside.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.readside.Migrations;
import io.parkloop.readside.TestPostgres;
import io.parkloop.reference.Province;
import io.parkloop.reference.ReferenceLoader;
import io.parkloop.storage.AlertRecord;
import io.parkloop.storage.AlertUpserts;
import io.parkloop.storage.DeadLetterRecord;
import io.parkloop.storage.DeadLetterTable;
import io.parkloop.storage.EventTables;
import io.parkloop.storage.IndicatorRecord;
import io.parkloop.storage.IndicatorUpserts;
import io.parkloop.storage.QualityEventRecord;
import io.parkloop.storage.ReadingRecord;
import io.parkloop.storage.ReadingTable;
import io.parkloop.storage.ReferenceTables;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of 2026-Q1 written from a real PostgreSQL that holds seeded indicator rows, targets,
 * dead letters, a quality event and a silence alert, then read back with POI: sheets, bilingual
 * headers with units, numbers as numbers with their formats, acceptance, progress, data quality.
 */
class StatisticsReportIT {
  private static final String REFERENCE = """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
        - {id: NTEDZ, name: 南通经济技术开发区, city: 南通, level: national, land_area_km2: 140.0}
        - {id: YCEP, name: 盐城环保科技城, city: 盐城, level: provincial, land_area_km2: 50.0}
      enterprises:
        - {id: E1, park: SIP, name: 一号企业}
        - {id: E2, park: NTEDZ, name: 二号企业}
      meters:
        - {id: E1-ELEC, enterprise: E1, medium: electricity, reading: cumulative, unit: kWh}
      targets:
        - {park: SIP, year: 2026, indicator: energy_output_rate, target: 2.5}
        - {park: NTEDZ, year: 2026, indicator: energy_intensity, target: 0.4}
      """;
  private static final Instant Q1 = Instant.parse("2026-01-01T00:00:00+08:00");
  private static final Instant NOW = Instant.parse("2026-04-15T00:00:00Z");
  private static XSSFWorkbook workbook;

  @BeforeAll
  static void writeTheReportOfASeededDatabase(@TempDir Path dir) throws Exception {
    DataSource database = TestPostgres.database("statistics_report");
    Migrations.migrate(database);
    ReferenceTables.sync(database, ReferenceLoader.parse("reference.yaml", REFERENCE), LocalDate.of(2026, 1, 1));
    try (Connection connection = database.getConnection()) {
      IndicatorUpserts.upsert(connection, indicatorRows());
      DeadLetterTable.insert(connection, List.of(
          deadLetter("2026-03-02T10:00:00+08:00", "unknown_meter"), deadLetter("2026-03-05T10:00:00+08:00", "unknown_meter"),
          deadLetter("2026-04-02T10:00:00+08:00", "bad_json")));
      // E1-ELEC reads hourly but went quiet for 9 hours on 3 March; E2-FW never more than an hour apart
      ReadingTable.upsert(connection, List.of(reading("E1-ELEC", "2026-03-03T08:00:00+08:00"),
          reading("E1-ELEC", "2026-03-03T09:00:00+08:00"), reading("E1-ELEC", "2026-03-03T18:00:00+08:00"),
          reading("E2-FW", "2026-03-03T08:00:00+08:00"), reading("E2-FW", "2026-03-03T09:00:00+08:00")));
      EventTables.insertQualityEvents(connection, List.of(new QualityEventRecord("E1-ELEC",
          Instant.parse("2026-02-10T08:00:00+08:00"), "counter_reset", "counter went from 500 to 3")));
      AlertUpserts.write(connection, List.of(new AlertRecord("silence:meter:E1-ELEC::2026-03-01", "silence", "meter",
          "E1-ELEC", null, "warning", Instant.parse("2026-03-01T08:00:00+08:00"),
          Instant.parse("2026-03-01T13:30:00+08:00"), 5.5, 2.0, List.of("no reading for 5.5 h"), null, null)), List.of());
    }
    Path file = dir.resolve("report.xlsx");
    try (OutputStream out = Files.newOutputStream(file)) {
      StatisticsReport.write(database, ReportPeriod.parse("2026-Q1"), null, NOW, out);
    }
    workbook = new XSSFWorkbook(Files.newInputStream(file));
  }

  private static List<IndicatorRecord> indicatorRows() {
    List<IndicatorRecord> rows = new ArrayList<>(List.of(
        quarter("province", Province.NAME, "energy_tce", 2000.25, "tce"),
        quarter("region", "苏南", "energy_tce", 1234.5678, "tce"),
        quarter("city", "苏州", "energy_tce", 1234.5678, "tce"),
        quarter("park", "SIP", "energy_tce", 1234.5678, "tce"),
        quarter("park", "SIP", "electricity_kwh", 9876543.21, "kWh"),
        quarter("park", "SIP", "water_reuse_rate", 71.94, "%"),
        quarter("park", "NTEDZ", "energy_tce", 765.6822, "tce"),
        quarter("enterprise", "E1", "energy_tce", 1234.5678, "tce"),
        year("SIP", "energy_output_rate", 2.4, "10k CNY/tce"),
        year("NTEDZ", "energy_intensity", 0.5, "tce/10k CNY")));
    for (String month : List.of("2026-01-01", "2026-02-01", "2026-03-01")) {
      rows.add(month("E1", month));
    }
    rows.add(month("E2", "2026-01-01"));
    return rows;
  }

  @Test
  void aSheetPerLevelThenAcceptanceProgressAndDataQuality() {
    List<String> names = new ArrayList<>();
    workbook.forEach(sheet -> names.add(sheet.getSheetName()));
    assertThat(names).containsExactly("province 全省", "region 区域", "city 城市", "level 园区级别", "park 园区",
        "enterprise 企业", "acceptance 考核验收", "progress 推进进度", "data quality 数据质量", "circular economy 循环经济");
  }

  @Test
  void indicatorColumnsCarryChineseAndEnglishLabelsWithUnits() {
    Sheet parks = workbook.getSheet("park 园区");
    assertThat(texts(parks.getRow(0))).containsExactly("园区代码", "园区名称", "城市", "区域", "园区级别",
        "综合能耗 (tce)", "用电量 (kWh)", "水重复利用率 (%)");
    assertThat(texts(parks.getRow(1))).containsExactly("Park ID", "Park name", "City", "Region", "Park level",
        "Energy consumption (tce)", "Electricity (kWh)", "Water reuse rate (%)");
  }

  @Test
  void valuesAreNumbersShownWithTheirUnitsRounding() {
    Row sip = row(workbook.getSheet("park 园区"), "SIP").orElseThrow();
    assertThat(texts(sip).subList(0, 5)).containsExactly("SIP", "苏州工业园区", "苏州", "苏南", "national");
    Cell energy = sip.getCell(5);
    assertThat(energy.getCellType()).isEqualTo(CellType.NUMERIC);
    assertThat(energy.getNumericCellValue()).isEqualTo(1234.5678);
    assertThat(energy.getCellStyle().getDataFormatString()).isEqualTo("#,##0.000");
    DataFormatter shown = new DataFormatter(java.util.Locale.ROOT);
    assertThat(shown.formatCellValue(energy)).isEqualTo("1,234.568");
    assertThat(shown.formatCellValue(sip.getCell(6))).isEqualTo("9,876,543");
    assertThat(shown.formatCellValue(sip.getCell(7))).isEqualTo("71.9");
    // NTEDZ has no electricity or reuse rate in the quarter: empty cells, not zeros
    Row ntedz = row(workbook.getSheet("park 园区"), "NTEDZ").orElseThrow();
    assertThat(ntedz.getCell(6)).isNull();
    assertThat(row(workbook.getSheet("province 全省"), Province.NAME).orElseThrow().getCell(1).getNumericCellValue())
        .isEqualTo(2000.25);
    assertThat(texts(row(workbook.getSheet("enterprise 企业"), "E1").orElseThrow()).subList(0, 3))
        .containsExactly("E1", "一号企业", "SIP");
  }

  @Test
  void acceptanceOfThePeriodsYearToDate() {
    Sheet acceptance = workbook.getSheet("acceptance 考核验收");
    Row sip = row(acceptance, "2026", "yes", "SIP").orElseThrow();
    assertThat(cell(acceptance, sip, "Year to date")).isEqualTo("yes");
    assertThat(cell(acceptance, sip, "Completion (%)")).isEqualTo("96.0");
    assertThat(cell(acceptance, sip, "Park result")).isEqualTo("passes");
    Row ntedz = row(acceptance, "2026", "yes", "NTEDZ").orElseThrow();
    assertThat(cell(acceptance, ntedz, "Direction")).isEqualTo("smaller-is-better");
    assertThat(cell(acceptance, ntedz, "Completion (%)")).isEqualTo("80.0");
    assertThat(cell(acceptance, ntedz, "Park result")).isEqualTo("fails");
    assertThat(cell(acceptance, row(acceptance, "2026", "yes", "YCEP").orElseThrow(), "Park result")).isEqualTo("no_targets");
  }

  @Test
  void progressAgainstTheGoals() {
    Sheet progress = workbook.getSheet("progress 推进进度");
    Row national = progress.getRow(2);
    assertThat(cell(progress, national, "Scope")).isEqualTo(Province.NAME);
    assertThat(cell(progress, national, "Level")).isEqualTo("national");
    assertThat(cell(progress, national, "Share passing (%)")).isEqualTo("50.0");
    assertThat(cell(progress, national, "Goal (%)")).isEqualTo("70.0");
    assertThat(cell(progress, national, "Meets goal")).isEqualTo("no");
    assertThat(cell(progress, national, "Passing parks")).isEqualTo("SIP");
    assertThat(cell(progress, national, "Other parks")).isEqualTo("NTEDZ");
  }

  @Test
  void dataQualityOfThePeriod() {
    Sheet quality = workbook.getSheet("data quality 数据质量");
    assertThat(texts(row(quality, "E2").orElseThrow())).containsExactly("E2", "二号企业", "NTEDZ", null, "2026-02 2026-03");
    assertThat(row(quality, "E1")).as("E1 sent all three months").isEmpty();
    Row meter = row(quality, "E1-ELEC").orElseThrow();
    assertThat(texts(meter).subList(0, 3)).containsExactly("E1-ELEC", "E1", "SIP");
    assertThat(meter.getCell(3).getNumericCellValue()).isEqualTo(1);
    assertThat(meter.getCell(4).getNumericCellValue()).isEqualTo(5.5);
    assertThat(meter.getCell(7).getStringCellValue()).isEqualTo("counter_reset");
    assertThat(meter.getCell(9).getNumericCellValue()).as("longest gap between readings, h").isEqualTo(9);
    assertThat(row(quality, "E2-FW")).as("no gap, no event").isEmpty();
    assertThat(row(quality, "unknown_meter").orElseThrow().getCell(1).getNumericCellValue()).isEqualTo(2);
    assertThat(row(quality, "bad_json")).as("received after the quarter").isEmpty();
  }

  private static ReadingRecord reading(String meter, String ts) {
    Instant at = java.time.OffsetDateTime.parse(ts).toInstant();
    return new ReadingRecord(meter, at, 1, at);
  }

  private static IndicatorRecord quarter(String scopeType, String scopeId, String indicator, double value, String unit) {
    return new IndicatorRecord(scopeType, scopeId, "quarter", Q1, indicator, value, unit);
  }

  private static IndicatorRecord year(String park, String indicator, double value, String unit) {
    return new IndicatorRecord("park", park, "year", Q1, indicator, value, unit);
  }

  private static IndicatorRecord month(String enterprise, String day) {
    Instant start = LocalDate.parse(day).atStartOfDay(Province.ZONE).toInstant();
    return new IndicatorRecord("enterprise", enterprise, "month", start, "value_added_10k_cny", 100, "10k CNY");
  }

  private static DeadLetterRecord deadLetter(String receivedAt, String reason) {
    return new DeadLetterRecord(Instant.parse(receivedAt), "mqtt:parkloop/v1/readings/E9/X", reason, "test",
        "{}".getBytes(StandardCharsets.UTF_8), null);
  }

  /** The first row whose leading cells show these texts. */
  private static Optional<Row> row(Sheet sheet, String... leading) {
    DataFormatter shown = new DataFormatter(java.util.Locale.ROOT);
    for (Row row : sheet) {
      boolean matches = true;
      for (int i = 0; i < leading.length && matches; i++) {
        matches = row.getCell(i) != null && shown.formatCellValue(row.getCell(i)).equals(leading[i]);
      }
      if (matches) {
        return Optional.of(row);
      }
    }
    return Optional.empty();
  }

  /** The shown text of the row's cell under the English header {@code english} (second header row). */
  private static String cell(Sheet sheet, Row row, String english) {
    Row header = sheet.getRow(1);
    for (Cell label : header) {
      if (label.getStringCellValue().equals(english)) {
        return new DataFormatter(java.util.Locale.ROOT).formatCellValue(row.getCell(label.getColumnIndex()));
      }
    }
    throw new AssertionError("no column " + english + " in " + sheet.getSheetName());
  }

  /** Each cell's text, or null for a number. */
  private static List<String> texts(Row row) {
    List<String> texts = new ArrayList<>();
    row.forEach(cell -> texts.add(cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : null));
    return texts;
  }
}
