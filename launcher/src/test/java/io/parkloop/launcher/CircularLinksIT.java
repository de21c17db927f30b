package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import io.parkloop.storage.ExportFilter;
import io.parkloop.storage.IndicatorExport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
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
