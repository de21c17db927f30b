package io.parkloop.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.parkloop.embedded.LocalPostgres;
import io.parkloop.launcher.bench.BenchFleet;
import io.parkloop.launcher.bench.BenchLadder;
import io.parkloop.launcher.bench.BenchReport;
import io.parkloop.launcher.bench.BenchResult;
import io.parkloop.launcher.bench.EndToEndRun;
import io.parkloop.launcher.bench.MachineInfo;
import io.parkloop.launcher.bench.ProcessStats;
import io.parkloop.launcher.bench.ReplayBench;
import io.parkloop.launcher.bench.StageBenchmarks;
import io.parkloop.launcher.bench.StageResults;
import io.parkloop.launcher.pipeline.LocalStack;
import io.parkloop.launcher.pipeline.Pipeline;
import io.parkloop.launcher.pipeline.ServiceOptions;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code parkloop bench}: province-scale load through the real chain (MQTT → bridge → Kafka →
 * Flink → PostgreSQL) from a load generator in a process of its own, with a check that the
 * database ends with exactly what was sent; {@code --stages} adds the raw rate of each stage.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measures the whole pipeline under a generated fleet: readings/s in and",
        "written, freshness, Kafka lag, dead letters, CPU and memory per process, and",
        "that nothing was lost or doubled. Runs on fresh embedded services on free ports",
        "(or the external ones given) in a directory of its own under --data-dir,",
        "removed afterwards. Progress on stderr, the report on stdout. See docs/benchmarks.md."})
final class BenchCommand implements Callable<Integer> {
  @Mixin ServiceOptions services;
  /** --data-dir as given: each run's directory goes under it. */
  private Path baseDataDir;
  @Spec CommandSpec spec;

  @Option(names = "--meters", defaultValue = "10000", description = "Meters in the fleet (default: ${DEFAULT-VALUE}).")
  int meters;

  @Option(names = "--rate", defaultValue = "2000", description = "Readings per second offered (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
      description = "How long the generator sends (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--batch", defaultValue = "10",
      description = "Readings per gateway payload: each gateway (enterprise) has this many meters (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--hj212-share", defaultValue = "0.05",
      description = "Share of the readings sent as HJ 212 hourly packets of outlets (default: ${DEFAULT-VALUE}).")
  double hj212Share;

  @Option(names = "--drain-timeout", defaultValue = "5m", converter = DurationConverter.class,
      description = "How long to wait after sending for the database to hold everything (default: ${DEFAULT-VALUE}).")
  Duration drainTimeout;

  @Option(names = "--stages", description = "Also measure each stage alone: MQTT, Kafka, the Flink job, PostgreSQL COPY.")
  boolean stages;

  @Option(names = "--stage-readings", defaultValue = "300000",
      description = "Readings per stage measurement (default: ${DEFAULT-VALUE}).")
  long stageReadings;

  @Option(names = "--ladder", description = {"Find the highest rate the chain holds: fresh end-to-end runs from --rate",
      "up, each --ladder-factor times the last, until one fails (p99 freshness over 2,000 ms, the database",
      "complete only more than 5 s after the last send, or a wrong total), then halves the gap",
      "--ladder-refine times."})
  boolean ladder;

  @Option(names = "--ladder-factor", defaultValue = "1.5", description = "Rate step of --ladder (default: ${DEFAULT-VALUE}).")
  double ladderFactor;

  @Option(names = "--ladder-refine", defaultValue = "2",
      description = "Bisections of --ladder between the last rate held and the first failed (default: ${DEFAULT-VALUE}).")
  int ladderRefine;

  @Option(names = "--replay", description = {"Measure parkloop replay instead: generate a data set of the fleet",
      "(--replay-readings, a round of every meter each minute) and replay it into a fresh database."})
  boolean replay;

  @Option(names = "--replay-readings", defaultValue = "2000000",
      description = "Readings in the --replay data set (default: ${DEFAULT-VALUE}).")
  long replayReadings;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Option(names = "--keep-data", description = "Keep the bench's directory (services' data, reference.yaml, logs).")
  boolean keepData;

  @Override
  public Integer call() throws Exception {
    validate();
    if (replay) {
      return replay();
    }
    if (ladder) {
      return ladder();
    }
    BenchResult result = endToEnd(rate, stages);
    report(result, out -> BenchReport.print(result, out));
    return result.endToEnd().correctness().ok() ? 0 : 2;
  }

  /** One fresh end-to-end run at {@code offered} readings/s, optionally followed by the stages alone. */
  private BenchResult endToEnd(double offered, boolean withStages) throws Exception {
    String loadBefore = MachineInfo.loadAverage();
    Path workDir = newWorkDir();
    String prefix = prefixOf(workDir);
    Path referenceFile = writeFleet(workDir, hj212Share);
    ReferenceData reference = ReferenceLoader.load(referenceFile);
    int enterprises = BenchFleet.enterprises(meters, batch);
    List<String> probes = IntStream.range(0, enterprises).filter(e -> BenchFleet.isProbe(e, enterprises))
        .mapToObj(e -> BenchFleet.enterpriseId(prefix, e)).toList();
    BenchResult.Fleet fleet = new BenchResult.Fleet(prefix, meters, enterprises, reference.parks().size() - 1,
        reference.outlets().size(), probes.size(), batch, hj212Share, offered, duration.toSeconds());
    System.err.printf("bench: %,d meters in %,d gateways, %,.0f readings/s for %d s; services in %s%n", meters,
        enterprises, offered, duration.toSeconds(), workDir);

    BenchResult.EndToEnd endToEnd;
    StageResults stageResults = null;
    try (LocalStack stack = LocalStack.start(services)) {
      ProcessStats processes = new ProcessStats();
      processes.add("parkloop JVM", () -> List.of(ProcessHandle.current().pid()));
      stack.mqttBrokerPid().ifPresent(pid -> processes.add("Mosquitto", () -> List.of(pid)));
      if (services.jdbc == null) {
        processes.add("PostgreSQL", () -> ProcessStats.postgres(workDir.resolve("postgres")));
      }
      try (Pipeline pipeline = Pipeline.start(stack, () -> reference, workDir, 0)) {
        endToEnd = new EndToEndRun(prefix, referenceFile, probes,
            new EndToEndRun.Settings(offered, duration, hj212Share, drainTimeout),
            new EndToEndRun.Target(stack.mqttUrl(), stack.kafka(), pipeline.database(), pipeline.metrics(), workDir),
            processes, System.err).run();
      }
      if (withStages) {
        String broker = stack.embeddedMqttName().orElse("the external broker");
        stageResults = StageResults.of(new StageBenchmarks(stack.mqttUrl(), broker, stack.kafka(), stack.jdbcUrl(),
            reference, referenceFile, prefix, workDir, System.err).run(stageReadings, offered, rowsPerReading(endToEnd)),
            endToEnd.throughput().endToEndPerS());
      }
    } finally {
      cleanUp(workDir);
    }
    return new BenchResult(MachineInfo.read(loadBefore), fleet, endToEnd, stageResults);
  }

  /** {@code --ladder}: fresh end-to-end runs at rising rates, see {@link BenchLadder#climb}. */
  private int ladder() throws Exception {
    String loadBefore = MachineInfo.loadAverage();
    BenchLadder result = BenchLadder.climb(rate, ladderFactor, ladderRefine, offered -> {
      BenchLadder.Rung rung = BenchLadder.Rung.of(endToEnd(offered, false));
      System.err.println("bench --ladder: " + rung.line());
      return rung;
    }, MachineInfo.read(loadBefore));
    report(result, result::print);
    return result.held() > 0 ? 0 : 2;
  }

  /** {@code --replay}: a generated data set through {@code parkloop replay} into a fresh database. */
  private int replay() throws Exception {
    ReplayBench.Result result = replayGeneratedData();
    report(result, out -> ReplayBench.print(result, out));
    return result.correctness().ok() ? 0 : 2;
  }

  private ReplayBench.Result replayGeneratedData() throws Exception {
    Path workDir = newWorkDir();
    ReferenceData reference = ReferenceLoader.load(writeFleet(workDir, 0));
    LocalPostgres postgres = services.jdbc != null ? null : LocalPostgres.start(workDir.resolve("postgres"), 0);
    try {
      return ReplayBench.run(reference, prefixOf(workDir), postgres == null ? services.jdbc : postgres.jdbcUrl(),
          replayReadings, workDir, System.err);
    } finally {
      if (postgres != null) {
        postgres.close();
      }
      cleanUp(workDir);
    }
  }

  /** A directory of its own for one run under --data-dir; its name, less "bench-", prefixes the fleet's ids. */
  private Path newWorkDir() throws IOException {
    String prefix = "b" + Long.toString(System.currentTimeMillis() / 1000, 36);
    Path root = baseDataDir.toAbsolutePath();
    Path workDir = root.resolve("bench-" + prefix);
    for (int i = 2; Files.exists(workDir); i++) {
      workDir = root.resolve("bench-" + prefix + "x" + i);
    }
    Files.createDirectories(workDir);
    services.dataDir = workDir;
    freePortsUnlessGiven();
    return workDir;
  }

  private static String prefixOf(Path workDir) {
    return workDir.getFileName().toString().substring("bench-".length());
  }

  /** The fleet's reference.yaml in the run's directory, its ids prefixed by the directory's name. */
  private Path writeFleet(Path workDir, double hj212ShareOfRun) throws IOException {
    Path referenceFile = workDir.resolve("reference.yaml");
    Files.writeString(referenceFile, BenchFleet.yaml(prefixOf(workDir), meters, batch, hj212ShareOfRun),
        StandardCharsets.UTF_8);
    return referenceFile;
  }

  private void cleanUp(Path workDir) throws IOException {
    if (!keepData) {
      deleteRecursively(workDir);
    }
  }

  /** The report on stdout: the result as JSON with --json, else as {@code asText} prints it. */
  private void report(Object result, Consumer<PrintWriter> asText) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
    } else {
      asText.accept(out);
    }
    out.flush();
  }

  private static double rowsPerReading(BenchResult.EndToEnd endToEnd) {
    return endToEnd.sent().readings() == 0 ? 0 : (double) endToEnd.throughput().rowsUpserted() / endToEnd.sent().readings();
  }

  private void validate() {
    baseDataDir = baseDataDir == null ? services.dataDir : baseDataDir;
    if (ladder && (ladderFactor <= 1 || ladderRefine < 0)) {
      throw new ParameterException(spec.commandLine(), "--ladder-factor must be above 1 and --ladder-refine at least 0");
    }
    if (replay && (replayReadings < 1 || ladder || stages)) {
      throw new ParameterException(spec.commandLine(),
          "--replay takes --replay-readings of at least 1 and goes without --ladder and --stages");
    }
    if (meters < 1 || batch < 1 || batch > meters) {
      throw new ParameterException(spec.commandLine(), "--meters and --batch must be at least 1, --batch at most --meters");
    }
    if (rate <= 0 || rate / meters > 1000) {
      throw new ParameterException(spec.commandLine(),
          "--rate must be positive and at most 1,000 readings per meter per second (timestamps are in milliseconds)");
    }
    if (hj212Share < 0 || hj212Share > 0.5) {
      throw new ParameterException(spec.commandLine(), "--hj212-share must be between 0 and 0.5");
    }
  }

  /** Embedded services on free ports, so a bench runs beside a demo; a port given on the command line is kept. */
  private void freePortsUnlessGiven() {
    var parsed = spec.commandLine().getParseResult();
    if (!parsed.hasMatchedOption("--mqtt-port")) {
      services.mqttPort = 0;
    }
    if (!parsed.hasMatchedOption("--kafka-port")) {
      services.kafkaPort = 0;
    }
    if (!parsed.hasMatchedOption("--pg-port")) {
      services.pgPort = 0;
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
