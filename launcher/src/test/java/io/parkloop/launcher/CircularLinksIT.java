package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import io.parkloop.storage.ExportFilter;
import io.parkloop.storage.IndicatorExport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
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
 * supplied and net; replayed again shuffled with duplicates, into an emptied table, the export
 * is the very same. {@link CircularLinksLiveIT} checks the same rows live.
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
    data.write(readings, data.payloads, reference, statistics);

    replay(services, readings, reference, statistics);
    DataSource database = services.dataSource();
    ChpParkRows.assertDayRows(database, data);
    // the park's ratio divides its value added (900) by the counted-once energy
    double sip = ChpParkRows.expected(data).get("park|SIP|energy_tce");
    ChpParkRows.assertRelative(ChpParkRows.value(database, "park", "SIP", "month", data.day, "energy_intensity")
        .orElseThrow(), sip / 900, "SIP energy_intensity");
    String export = exportCsv(database);

    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("delete from indicator_value");
    }
    data.write(readings, data.shuffled(14), reference, statistics);
    replay(services, readings, reference, statistics);
    assertThat(exportCsv(database)).isEqualTo(export);
  }

  private static void replay(TestClassServices services, Path readings, Path reference, Path statistics) {
    PrintStream console = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int exit = new CommandLine(new ReplayCommand()).execute("--jdbc", services.jdbcUrl(), "--reference",
          reference.toString(), "--readings", readings.toString(), "--statistics", statistics.toString());
      assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
    } finally {
      System.setOut(console);
    }
  }

  private static String exportCsv(DataSource database) throws Exception {
    StringWriter csv = new StringWriter();
    IndicatorExport.writeCsv(IndicatorExport.query(database, ExportFilter.all()), csv);
    return csv.toString();
  }
}
