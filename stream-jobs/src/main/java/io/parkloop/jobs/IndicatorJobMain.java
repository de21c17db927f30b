package io.parkloop.jobs;

import io.parkloop.jobs.alerts.AlertJob;
import io.parkloop.jobs.alerts.AlertRules;
import io.parkloop.jobs.alerts.AlertSinks;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import io.parkloop.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point for {@code flink run} on a cluster, running the indicator job and the alert job in
 * one job graph (one checkpoint, one restart):
 * {@code flink run parkloop-stream-jobs-job.jar --reference /etc/parkloop/reference.yaml
 * --kafka kafka:9092 --jdbc jdbc:postgresql://db/parkloop?user=..&password=..}.
 * The local launcher builds the same job on a MiniCluster.
 */
public final class IndicatorJobMain {
  private IndicatorJobMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    ReferenceData reference = ReferenceLoader.load(Path.of(required(options, "reference")));
    JobSettings settings = JobSettings.defaults();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.enableCheckpointing(Duration.ofSeconds(10).toMillis(), CheckpointingMode.EXACTLY_ONCE);
    String kafka = required(options, "kafka");
    String group = options.getOrDefault("group", "parkloop-indicators");
    new IndicatorJob(reference, settings, KafkaReadings.source(kafka, group), KafkaStatistics.source(kafka, group),
        JobSinks.postgres(required(options, "jdbc"), settings)).withWaste(KafkaWaste.source(kafka, group)).build(env);
    new AlertJob(reference, settings, AlertRules.defaults(), KafkaReadings.source(kafka, group + "-alerts"),
        AlertSinks.postgresAndKafka(required(options, "jdbc"), kafka, Topics.ALERTS, settings)).build(env);
    env.execute("parkloop-indicators");
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing --" + name
          + "; usage: --reference FILE --kafka HOST:PORT --jdbc JDBC_URL [--group ID]");
    }
    return value;
  }
}
