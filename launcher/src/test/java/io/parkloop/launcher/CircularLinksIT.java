package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import io.parkloop.readside.ExportFilter;
import io.parkloop.readside.IndicatorExport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The must-show for transfer meters: a heat-and-power plant supplying steam to three
 * enterprises of its park and one outside it ({@link ChpParkDataSet}). Replayed by
 * {@code parkloop replay}, the park's energy equals, to 1e-9, the plant's coal plus everyone's
 * purchased electricity and gas ({@link ChpParkRows}), and the enterprise rows show gross,
 * supplied and net; the month's waste CSV ends in the waste indicators, its bad lines in
 * {@code dead_letter} with their reasons; replayed again shuffled with duplicates, into an emptied
 * table, the export is the very same. {@link CircularLinksLiveIT} checks the same rows live.
 */
@ExtendWith(SharedServices.class)
class CircularLinksIT {
  @Test
  void replayedAndReplayedShuffledTheParkCountsTheSteamOnce(TestClassServices services, @TempDir Path dir)
      throws Exception {
    ChpParkDataSet data = new ChpParkDataSet(LocalDate.of(2026, 3, 1));
    Path readings = dir.resolve("readings.jsonl");
    Path reference = dir.resolve("reference.yaml");
    Path statistics = dir.resolve("statistics.csv");
    Path waste = dir.resolve("waste-2026-03.csv");
    data.write(readings, data.payloads, reference, statistics, waste);

    replay(services, readings, reference, statistics, waste);
    DataSource database = services.dataSource();
    ChpParkRows.assertDayRows(database, data);
    ChpParkRows.assertMonthRows(database, data.day, ChpParkRows.expectedWaste());
    assertThat(deadLettersByReason(database)).isEqualTo(ChpParkDataSet.WASTE_DEAD_LETTERS);
    // the park's ratio divides its value added (900) by the counted-once energy
    double sip = ChpParkRows.expected(data).get("park|SIP|energy_tce");
    ChpParkRows.assertRelative(ChpParkRows.value(database, "park", "SIP", "month", data.day, "energy_intensity")
        .orElseThrow(), sip / 900, "SIP energy_intensity");
    String export = exportCsv(database);
    assertFlowsExport(services, dir, data);
    assertWorkbook(services, dir, sip, data);

    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("delete from indicator_value");
    }
    data.write(readings, data.shuffled(14), reference, statistics, waste);
    replay(services, readings, reference, statistics, waste);
    assertThat(exportCsv(database)).isEqualTo(export);
  }

  private static void replay(TestClassServices services, Path readings, Path reference, Path statistics, Path waste) {
    StringWriter out = new StringWriter();
    CommandLine replay = new CommandLine(new ReplayCommand());
    replay.setErr(new PrintWriter(out, true));
    int exit = replay.execute("--jdbc", services.jdbcUrl(), "--reference", reference.toString(), "--readings",
        readings.toString(), "--statistics", statistics.toString(), "--waste", waste.toString());
    assertThat(exit).as("parkloop replay: %s", out).isZero();
  }

  /** {@code parkloop flows} of SIP's March as CSV, JSON and XLSX: who supplies whom, and what leaves the park. */
  private static void assertFlowsExport(TestClassServices services, Path dir, ChpParkDataSet data) throws Exception {
    Path csv = dir.resolve("flows.csv");
    run(new FlowsCommand(), "--jdbc", services.jdbcUrl(), "--park", "SIP", "--period", "2026-03", "--out", csv.toString());
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo("park,period_start,source,target,direction,flow,value,unit");
    assertThat(lines).contains(
        "SIP,2026-03-01T00:00:00+08:00,CHP,A,internal,steam_t," + number(data.total("A-STM")) + ",t",
        "SIP,2026-03-01T00:00:00+08:00,CHP,X,out,steam_t," + number(data.total("X-STM")) + ",t",
        "SIP,2026-03-01T00:00:00+08:00,outside,CHP,in,raw_coal_t," + number(data.total("CHP-COAL")) + ",t",
        "SIP,2026-03-01T00:00:00+08:00,CHP,C,internal,solid_waste_t,300,t",
        "SIP,2026-03-01T00:00:00+08:00,CHP,X,out,solid_waste_t,100,t",
        "SIP,2026-03-01T00:00:00+08:00,A,JS0500OOD001,out,hazardous_waste_t,2,t");

    Path json = dir.resolve("flows.json");
    run(new FlowsCommand(), "--jdbc", services.jdbcUrl(), "--park", "SIP", "--period", "2026-03", "--format", "json",
        "--out", json.toString());
    JsonNode rows = new ObjectMapper().readTree(json.toFile());
    assertThat(rows.size()).isEqualTo(lines.size() - 1);
    assertThat(rows).anySatisfy(row -> {
      assertThat(row.get("source").asText()).isEqualTo("CHP");
      assertThat(row.get("target").asText()).isEqualTo("B");
      assertThat(row.get("flow").asText()).isEqualTo("energy_tce");
      ChpParkRows.assertRelative(row.get("value").asDouble(), data.total("B-STM") * 0.1286, "CHP>B energy_tce");
    });

    Path xlsx = dir.resolve("flows.xlsx");
    run(new FlowsCommand(), "--jdbc", services.jdbcUrl(), "--park", "SIP", "--period", "2026-03", "--format", "xlsx",
        "--out", xlsx.toString());
    try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(xlsx))) {
      // two header rows (Chinese, English), then one row per flow
      assertThat(workbook.getSheetAt(0).getLastRowNum() + 1).isEqualTo(2 + rows.size());
    }
  }

  /** {@code parkloop report}'s circular-economy sheet: SIP's energy counted once, the double counting removed, the waste. */
  private static void assertWorkbook(TestClassServices services, Path dir, double sipEnergy, ChpParkDataSet data)
      throws Exception {
    Path report = dir.resolve("report.xlsx");
    run(new ReportCommand(), "--jdbc", services.jdbcUrl(), "--period", "2026-03", "--out", report.toString());
    try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(report))) {
      Sheet sheet = workbook.getSheet("circular economy 循环经济");
      assertThat(sheet).isNotNull();
      Row sip = null;
      for (Row row : sheet) {
        if (row.getCell(0) != null && "SIP".equals(row.getCell(0).getStringCellValue())) {
          sip = row;
          break;
        }
      }
      assertThat(sip).as("SIP's row of the parks table").isNotNull();
      double exchanged = data.total("A-STM", "B-STM", "C-STM") * 0.1286;
      ChpParkRows.assertRelative(sip.getCell(1).getNumericCellValue(), sipEnergy, "energy counted once");
      ChpParkRows.assertRelative(sip.getCell(2).getNumericCellValue(), exchanged, "double counting removed");
      ChpParkRows.assertRelative(sip.getCell(3).getNumericCellValue(), sipEnergy + exchanged, "gross sum");
      assertThat(sip.getCell(5).getNumericCellValue()).isEqualTo(540.0);
      assertThat(sip.getCell(6).getNumericCellValue()).isEqualTo(430.0);
      assertThat(sip.getCell(8).getNumericCellValue()).isEqualTo(300.0);
      int links = 0;
      for (Row row : sheet) {
        if (row.getCell(3) != null && row.getCell(3).getCellType() == CellType.STRING
            && List.of("internal", "in", "out").contains(row.getCell(3).getStringCellValue())) {
          links++;
        }
      }
      assertThat(links).as("link rows of both parks").isPositive();
    }
  }

  private static void run(Object command, String... arguments) {
    StringWriter err = new StringWriter();
    CommandLine line = new CommandLine(command);
    line.setErr(new PrintWriter(err, true));
    assertThat(line.execute(arguments)).as("%s", err).isZero();
  }

  /** As the export writes a number (twelve significant digits, no trailing zeros). */
  private static String number(double value) {
    return IndicatorExport.number(value);
  }

  private static Map<String, Long> deadLettersByReason(DataSource database) throws Exception {
    Map<String, Long> byReason = new TreeMap<>();
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select reason, count(*) from dead_letter group by reason")) {
      while (result.next()) {
        byReason.put(result.getString(1), result.getLong(2));
      }
    }
    return byReason;
  }

  private static String exportCsv(DataSource database) throws Exception {
    StringWriter csv = new StringWriter();
    IndicatorExport.writeCsv(IndicatorExport.query(database, ExportFilter.all()), csv);
    return csv.toString();
  }
}
