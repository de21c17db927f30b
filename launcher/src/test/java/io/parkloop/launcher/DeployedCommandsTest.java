package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.launcher.pipeline.MqttOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The commands of the deployed shape, bridge and migrate, refuse what they cannot run with before starting anything. */
class DeployedCommandsTest {
  private final StringWriter err = new StringWriter();
  private final StringWriter out = new StringWriter();

  @Test
  void theBridgeNeedsAnExternalBrokerAndKafka() {
    assertThat(run("bridge", "--kafka", "kafka:9092")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing --mqtt-url (or env PARKLOOP_MQTT_URL)");
    assertThat(run("bridge", "--mqtt-url", "tcp://broker:1883")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing --kafka (or env PARKLOOP_KAFKA)");
    assertThat(run("bridge", "--mqtt-url", "tcp://broker:1883", "--kafka", "kafka:9092", "--mqtt-accounts", "a.txt"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--mqtt-accounts (or env PARKLOOP_MQTT_ACCOUNTS) configures the embedded broker");
  }

  @Test
  void bothCommandsDescribeThemselves() {
    assertThat(run("bridge", "--help")).isZero();
    assertThat(out.toString()).contains("Runs ingest only", "--mqtt-client-id", "--mqtt-username", "--metrics-port", "--hj212-port");
    assertThat(run("migrate", "--help")).isZero();
    assertThat(out.toString()).contains("current schema", "--jdbc", "--reference");
  }

  @Test
  void eachBridgeInstanceLogsInUnderTheClientIdItIsGiven() {
    MqttOptions second = new MqttOptions();
    new CommandLine(second).parseArgs("--mqtt-client-id", "parkloop-bridge-2");
    assertThat(second.bridgeConfig("tcp://broker:1883", false).clientId()).isEqualTo("parkloop-bridge-2");
    MqttOptions unnamed = new MqttOptions();
    new CommandLine(unnamed).parseArgs();
    assertThat(unnamed.bridgeConfig("tcp://broker:1883", false).clientId()).isEqualTo("parkloop-bridge-1");
  }

  @Test
  void migrateReadsTheReferenceFileBeforeTouchingTheDatabase() {
    assertThat(run("migrate", "--jdbc", "jdbc:postgresql://127.0.0.1:9/none", "--reference", "no-such-file.yaml"))
        .isEqualTo(1);
    assertThat(err.toString()).contains("no-such-file.yaml");
  }

  @Test
  void aPrintedJdbcUrlHidesItsPassword() {
    assertThat(MigrateCommand.withoutPassword("jdbc:postgresql://db:5432/parkloop?user=parkloop&password=s3cr&t=1"))
        .isEqualTo("jdbc:postgresql://db:5432/parkloop?user=parkloop&password=***&t=1");
  }

  private int run(String... args) {
    CommandLine cli = new CommandLine(new ParkloopCli());
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(out, true));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("parkloop: " + e.getMessage());
      return 1;
    });
    return cli.execute(args);
  }
}
