package io.parkloop.launcher;

import io.parkloop.launcher.pipeline.LiveRun;
import io.parkloop.launcher.pipeline.ServiceOptions;
import io.parkloop.launcher.pipeline.StatisticsLoad;
import io.parkloop.launcher.simulator.MeterSimulator;
import io.parkloop.reference.Province;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parkloop demo}: {@code run} on a built-in sample province with a meter simulator. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs the whole pipeline locally on embedded services with a sample province",
        "(4 parks in 苏南, 苏中 and 苏北) and a simulator of its meters, printing a live table."})
final class DemoCommand implements Callable<Integer> {
  @Mixin ServiceOptions services;

  @Option(names = "--duration", converter = DurationConverter.class,
      description = "Stop by itself after this long, e.g. 60s or 5m (default: until Ctrl-C).")
  Duration duration;

  @Option(names = "--backfill", converter = DurationConverter.class, defaultValue = "6h",
      description = "How much history the simulated gateways flush first, at most (default: ${DEFAULT-VALUE}; a later run flushes only what came since the last one).")
  Duration backfill;

  @Override
  public Integer call() throws Exception {
    ReferenceData reference = ReferenceLoader.parse("demo/reference.yaml", demoReference());
    return LiveRun.run(services, () -> reference, duration, Duration.ofSeconds(5), Duration.ofSeconds(2), System.out,
        (stack, printer) -> {
          StatisticsLoad.publish(stack, "demo statistics", MeterSimulator.statistics(reference, YearMonth.now(Province.ZONE), 3),
              printer);
          MeterSimulator simulator = new MeterSimulator(reference, stack.mqttUrl(),
              services.dataDir.toAbsolutePath().resolve("simulator.last"));
          int backlog = simulator.backfill(Instant.now(), backfill);
          printer.printf("simulator: gateways flushed a backlog of %,d readings (at most %d h); meters now report every 2 s%n",
              backlog, backfill.toHours());
          return simulator;
        });
  }

  static String demoReference() throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/reference.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
