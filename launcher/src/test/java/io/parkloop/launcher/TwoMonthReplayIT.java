package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The issue's end-to-end check: {@code parkloop replay} of two months of three parks (rollover,
 * meter replacement, mixed units, a factor override, interval meters, a gap, arrival up to three
 * hours late and out of order, duplicates, gateway arrays, one reading beyond the maximum
 * age, HJ 212 hours with and without the analyser's load, monthly statistics), then
 * {@code parkloop export} of the park-month rows, which must equal {@link ParkMonthExpectations},
 * computed from the generator's ground truth without any of the job's code.
 */
@ExtendWith(SharedServices.class)
class TwoMonthReplayIT {
  private static final YearMonth JANUARY = YearMonth.of(2026, 1);
  private static final YearMonth FEBRUARY = YearMonth.of(2026, 2);
  /**
   * One part in a million. The job keeps every part of an hour in whole millionths of its unit,
   * so a month of a park (some 3,000 rounded hour-shares) may differ from the exact sum by a few
   * ten-thousandths (3.5 × 10⁻⁸ of the value seen); one reading lost or doubled changes a month
   * by about one in 1,400.
   */
  private static final double RELATIVE_TOLERANCE = 1e-6;

  @Test
  void parkMonthsOfTheExportEqualTheIndependentlyComputedOnes(TestClassServices services, @TempDir Path dir)
      throws Exception {
    TwoMonthDataSet data = new TwoMonthDataSet(20260101L);
    Path readings = dir.resolve("readings.jsonl");
    Path packets = dir.resolve("packets.h212");
    Path statistics = dir.resolve("statistics.csv");
    Path reference = dir.resolve("reference.yaml");
    data.write(readings, packets, statistics, reference);

    String summary = run(new ReplayCommand(), "--jdbc", services.jdbcUrl(), "--reference", reference.toString(),
        "--readings", readings.toString(), "--hj212", packets.toString(), "--statistics", statistics.toString());
    assertThat(summary)
        .containsPattern(String.format("duplicates +%,d \\(", data.duplicatesSent))
        .containsPattern("late +" + TwoMonthDataSet.LATE_VALUES + " \\(")
        .doesNotContain("unattributed");

    Path csv = dir.resolve("park-months.csv");
    run(new ExportCommand(), "--jdbc", services.jdbcUrl(), "--scope-type", "park", "--period-type", "month",
        "--from", "2026-01-01", "--to", "2026-02-28", "--out", csv.toString());
    Map<String, Double> exported = parkMonths(csv);
    Map<String, Double> expected = ParkMonthExpectations.of(data, JANUARY, FEBRUARY);

    assertThat(exported.keySet()).containsExactlyElementsOf(expected.keySet());
    List<String> wrong = new ArrayList<>();
    expected.forEach((key, value) -> {
      double actual = exported.get(key);
      if (Math.abs(actual - value) > RELATIVE_TOLERANCE * Math.abs(value)) {
        wrong.add(key + ": exported " + actual + ", expected " + value);
      }
    });
    assertThat(wrong).isEmpty();
    // 3 parks × 2 months × 5 media, energy, COD, 3 statistics and 6 ratios
    assertThat(expected).hasSize(3 * 2 * 16);
  }

  /** Runs a command as the user would, failing on a non-zero exit; returns what it printed. */
  private static String run(Object command, String... args) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    PrintStream both = new PrintStream(printed, true, StandardCharsets.UTF_8);
    System.setOut(both);
    System.setErr(both);
    int exitCode;
    try {
      exitCode = new CommandLine(command).execute(args);
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
    String output = printed.toString(StandardCharsets.UTF_8);
    stdout.print(output);
    assertThat(exitCode).as(output).isZero();
    return output;
  }

  /** The export's park-month rows, keyed as {@link ParkMonthExpectations#key}. */
  private static Map<String, Double> parkMonths(Path csv) throws Exception {
    Map<String, Double> rows = new TreeMap<>();
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo("scope_type,scope_id,period_type,period_start,indicator,value,unit");
    for (String line : lines.subList(1, lines.size())) {
      String[] field = line.split(",");
      assertThat(field[0] + "," + field[2]).isEqualTo("park,month");
      YearMonth month = YearMonth.from(LocalDate.parse(field[3].substring(0, 10)));
      assertThat(field[3]).endsWith("T00:00:00+08:00");
      rows.put(ParkMonthExpectations.key(field[1], month, field[4]), Double.parseDouble(field[5]));
    }
    return rows;
  }
}
