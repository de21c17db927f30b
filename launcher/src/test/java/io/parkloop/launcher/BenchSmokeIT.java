package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code parkloop bench} for a few seconds at a low rate, as run by hand: its own embedded
 * services (the shared ones would keep its fresh readings in their topic, and their watermark
 * would make the next test's older readings late), its load generator in a process of its own.
 * The database must end with exactly what was sent. Speed is never asserted here; the machine
 * running the tests is shared and its figures mean nothing.
 */
class BenchSmokeIT {
  @Test
  void theIndicatorTotalsEqualWhatTheGeneratorSent(@TempDir Path dataDir) throws Exception {
    StringWriter report = new StringWriter();
    CommandLine cli = new CommandLine(new ParkloopCli()).setOut(new PrintWriter(report));
    int exitCode = cli.execute("bench", "--meters", "200", "--batch", "10", "--rate", "400", "--duration", "5s",
        "--hj212-share", "0.1", "--drain-timeout", "2m", "--json", "--data-dir", dataDir.toString());

    JsonNode result = new ObjectMapper().readTree(report.toString());
    JsonNode endToEnd = result.get("endToEnd");
    assertThat(endToEnd.at("/sent/readings").asLong()).isGreaterThan(1_000);
    assertThat(endToEnd.at("/sent/hj212Readings").asLong()).isPositive();
    assertThat(endToEnd.at("/correctness/totals")).as("enterprise and park totals of three indicators").hasSize(6);
    assertThat(endToEnd.at("/correctness/ok").asBoolean()).as(endToEnd.get("correctness").toString()).isTrue();
    assertThat(endToEnd.at("/cpuMicrosPerReading/total").asDouble()).as("CPU per reading, all parts").isPositive();
    assertThat(endToEnd.at("/cpuMicrosPerReading/PostgreSQL").asDouble()).isPositive();
    assertThat(exitCode).isZero();
  }

  @Test
  void aReplayOfTheGeneratedDataSetEndsWithItsTotals(@TempDir Path dataDir) throws Exception {
    StringWriter report = new StringWriter();
    CommandLine cli = new CommandLine(new ParkloopCli()).setOut(new PrintWriter(report));
    int exitCode = cli.execute("bench", "--replay", "--meters", "200", "--batch", "10", "--replay-readings", "20000",
        "--json", "--data-dir", dataDir.toString());

    JsonNode result = new ObjectMapper().readTree(report.toString());
    assertThat(result.get("readings").asLong()).isEqualTo(20_000);
    // 200 meters a round: the baseline round and 99 more, 20 gateways of 10 meters each
    assertThat(result.get("lines").asLong()).isEqualTo(2_000);
    assertThat(result.at("/correctness/totals")).as("enterprise and park totals of two indicators").hasSize(4);
    assertThat(result.at("/correctness/ok").asBoolean()).as(result.get("correctness").toString()).isTrue();
    assertThat(result.get("late").asLong()).isZero();
    assertThat(exitCode).isZero();
  }
}
