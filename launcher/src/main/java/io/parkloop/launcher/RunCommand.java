package io.parkloop.launcher;

import io.parkloop.launcher.pipeline.LiveRun;
import io.parkloop.launcher.pipeline.ServiceOptions;
import io.parkloop.launcher.pipeline.StatisticsLoad;
import io.parkloop.launcher.pipeline.WasteLoad;
import io.parkloop.reference.ReferenceWatcher;
import io.parkloop.reference.StatisticsCsv;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parkloop run}: the live pipeline on the user's own parks and meters. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs the live pipeline for your parks and meters: MQTT in, indicators in PostgreSQL.",
        "Embedded MQTT, Kafka and PostgreSQL by default; --mqtt-url, --kafka and --jdbc use external ones.",
        "Point meters and gateways at the MQTT port; topic parkloop/v1/readings/{enterprise}/{meter}."})
final class RunCommand implements Callable<Integer> {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunCommand.class);

  @Mixin ServiceOptions services;

  @Option(names = "--reference", defaultValue = "${env:PARKLOOP_REFERENCE:-reference.yaml}",
      description = "The reference data: parks, enterprises, meters, outlets (default: ${DEFAULT-VALUE}).")
  Path reference;

  @Option(names = "--statistics", defaultValue = "${env:PARKLOOP_STATISTICS}",
      description = "Monthly statistics CSV (enterprise,month,value_added_10k_cny,output_value_10k_cny,material_t).")
  Path statistics;

  @Option(names = "--waste", defaultValue = "${env:PARKLOOP_WASTE}",
      description = "Monthly solid-waste and by-product CSV (enterprise,id,date,category,hw_code,flow,to,handler,tonnes);"
          + " bad lines become dead letters.")
  Path waste;

  @Option(names = "--duration", converter = DurationConverter.class,
      description = "Stop by itself after this long (default: until Ctrl-C).")
  Duration duration;

  @Override
  public Integer call() throws Exception {
    // reloaded when the file changes: new meters are accepted at ingest without a restart
    try (ReferenceWatcher references = new ReferenceWatcher(reference, 5_000, message -> LOG.warn("{}", message))) {
      // read and check the statistics before anything starts, so a bad file fails fast with its line
      List<StatisticsCsv.Row> rows = statistics == null ? List.of() : StatisticsCsv.load(statistics, references.get());
      return run(references, rows);
    }
  }

  private int run(ReferenceWatcher references, List<StatisticsCsv.Row> rows) throws Exception {
    return LiveRun.run(services, references, duration, Duration.ofSeconds(10), Duration.ofSeconds(1), System.out,
        (stack, out) -> {
          if (statistics != null) {
            StatisticsLoad.publish(stack, statistics.toString(), rows, out);
          }
          if (waste != null) {
            WasteLoad.publish(stack, waste, references, out);
          }
          return now -> { };
        });
  }
}
