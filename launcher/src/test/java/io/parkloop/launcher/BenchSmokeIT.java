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
    assertThat(exitCode).isZero();
  }
}
