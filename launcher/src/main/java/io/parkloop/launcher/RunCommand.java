package io.parkloop.launcher;

import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import java.nio.file.Path;
import java.time.Duration;
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
  @Mixin ServiceOptions services;

  @Option(names = "--reference", defaultValue = "${env:PARKLOOP_REFERENCE:-reference.yaml}",
      description = "The reference data: parks, enterprises, meters, outlets (default: ${DEFAULT-VALUE}).")
  Path reference;

  @Option(names = "--duration", converter = DurationConverter.class,
      description = "Stop by itself after this long (default: until Ctrl-C).")
  Duration duration;

  @Override
  public Integer call() throws Exception {
    ReferenceData data = ReferenceLoader.load(reference);
    return LiveRun.run(services, data, duration, Duration.ofSeconds(10), Duration.ofSeconds(1), System.out,
        (stack, out) -> now -> { });
  }
}
