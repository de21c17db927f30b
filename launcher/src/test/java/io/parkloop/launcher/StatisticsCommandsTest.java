package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The acceptance, progress and report commands refuse wrong options before touching a database. */
class StatisticsCommandsTest {
  private final StringWriter err = new StringWriter();

  @Test
  void aReportPeriodMustBeAYearQuarterOrMonth() {
    assertThat(run("report", "--period", "2026-Q5", "--out", "r.xlsx")).isEqualTo(2);
    assertThat(err.toString()).contains("'2026-Q5' is not a period: give a year (2026), a quarter (2026-Q1)");
  }

  @Test
  void aWorkbookNeedsAFile() {
    assertThat(run("acceptance", "--format", "xlsx")).isEqualTo(2);
    assertThat(err.toString()).contains("--format xlsx writes a binary workbook: give it a file with --out FILE");
  }

  @Test
  void anUnknownFormatIsNamed() {
    assertThat(run("progress", "--format", "ods")).isEqualTo(2);
    assertThat(err.toString()).contains("'ods' is not csv, json or xlsx");
  }

  @Test
  void theCommandsAreListed() {
    assertThat(new CommandLine(new ParkloopCli()).getSubcommands()).containsKeys("acceptance", "progress", "report");
  }

  private int run(String... args) {
    CommandLine cli = new CommandLine(new ParkloopCli());
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
