package io.parkloop.jobs;

import io.parkloop.reference.ReferenceLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point for {@code flink run} (or a REST submission) on a cluster, running
 * {@link ParkloopJobs}, the indicator job, the alert job and the dead-letter copy in one job graph
 * (one checkpoint, one restart):
 * {@code flink run parkloop-stream-jobs-job.jar --reference /etc/parkloop/reference.yaml
 * --kafka kafka:9092 --jdbc jdbc:postgresql://db/parkloop?user=..&password=..}.
 * The launcher's {@code parkloop run} builds the same graph on a MiniCluster.
 */
public final class IndicatorJobMain {
  static final String USAGE = "usage: --reference FILE --kafka HOST:PORT --jdbc JDBC_URL";

  private IndicatorJobMain() {}

  public static void main(String[] args) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    jobs(options(args)).build(env);
    env.execute(ParkloopJobs.JOB_NAME);
  }

  /** Checks the options before reading the reference file, so a missing one is named first. */
  static ParkloopJobs jobs(Map<String, String> options) {
    String reference = required(options, "reference");
    String kafka = required(options, "kafka");
    String jdbc = required(options, "jdbc");
    return ParkloopJobs.onKafkaAndPostgres(ReferenceLoader.load(Path.of(reference)), kafka, jdbc);
  }

  static Map<String, String> options(String[] args) {
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("expected --name value pairs, got an odd number of arguments; " + USAGE);
    }
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'; " + USAGE);
      }
      String name = args[i].substring(2);
      if (!name.equals("reference") && !name.equals("kafka") && !name.equals("jdbc")) {
        throw new IllegalArgumentException("unknown option --" + name + "; " + USAGE);
      }
      options.put(name, args[i + 1]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing --" + name + "; " + USAGE);
    }
    return value;
  }
}
