package io.parkloop.launcher;

import io.parkloop.launcher.CrashDataSet.DeadLetterKey;
import io.parkloop.launcher.flink.LocalFlink;
import io.parkloop.launcher.pipeline.LocalStack;
import io.parkloop.launcher.pipeline.Pipeline;
import io.parkloop.launcher.pipeline.ServiceOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the data set through the whole chain on services of its own: a gateway publishing
 * over MQTT, the pipeline (in this JVM, or as {@code parkloop run} in a child process that can be
 * killed), Kafka and PostgreSQL. The test disturbs it while the data streams, then compares
 * what came out with the data set's ground truth.
 */
final class CrashScenario implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CrashScenario.class);
  private static final Duration POLL = Duration.ofSeconds(1);

  final CrashServices services;
  private final ServiceOptions options;
  private final Path reference;
  private LocalStack stack;
  private Pipeline pipeline;
  private PipelineProcess process;
  private PacedPublisher publisher;
  private final long started = System.nanoTime();

  private CrashScenario(CrashServices services, ServiceOptions options, Path reference) {
    this.services = services;
    this.options = options;
    this.reference = reference;
  }

  /** The pipeline runs in this JVM, so the test can restart its jobs and read its metrics. */
  static CrashScenario inProcess(Path dir, Duration publishing) throws Exception {
    CrashScenario scenario = prepare(dir);
    try {
      scenario.stack = LocalStack.start(scenario.options);
      scenario.pipeline = Pipeline.start(scenario.stack, () -> CrashDataSet.REFERENCE, scenario.options.dataDir, 0);
      scenario.publisher = PacedPublisher.start(scenario.services.mqttUrl(), CrashDataSet.messages(), publishing);
      return scenario;
    } catch (Exception e) {
      scenario.close();
      throw e;
    }
  }

  /** The pipeline runs as {@code parkloop run} in a child JVM, so the test can kill it. */
  static CrashScenario inChildProcess(Path dir, Duration publishing) throws Exception {
    CrashScenario scenario = prepare(dir);
    try {
      scenario.startProcess();
      scenario.publisher = PacedPublisher.start(scenario.services.mqttUrl(), CrashDataSet.messages(), publishing);
      return scenario;
    } catch (Exception e) {
      scenario.close();
      throw e;
    }
  }

  private static CrashScenario prepare(Path dir) throws Exception {
    CrashServices services = CrashServices.start(dir.resolve("services"));
    Path data = Files.createDirectories(dir.resolve("data"));
    Path reference = Files.writeString(dir.resolve("reference.yaml"), CrashDataSet.REFERENCE_YAML);
    return new CrashScenario(services, services.options(data), reference);
  }

  Pipeline pipeline() {
    return Objects.requireNonNull(pipeline, "the pipeline runs in a child process");
  }

  PacedPublisher publisher() {
    return publisher;
  }

  void startProcess() throws Exception {
    process = PipelineProcess.start(options, reference);
  }

  void killProcess() throws InterruptedException {
    process.kill();
  }

  /** The newest complete checkpoint of the jobs, whichever JVM runs them. */
  Optional<Path> latestCheckpoint() {
    return LocalFlink.latestCheckpoint(options.dataDir.resolve("checkpoints"));
  }

  /** N of a checkpoint directory {@code chk-N}: Flink's checkpoint id. */
  static long checkpointNumber(Path checkpoint) {
    String name = checkpoint.getFileName().toString();
    if (!name.startsWith("chk-")) {
      throw new IllegalArgumentException("not a checkpoint directory: " + checkpoint);
    }
    return Long.parseLong(name.substring("chk-".length()));
  }

  /** Waits until the jobs completed a checkpoint other than {@code previous}, and returns it. */
  Optional<Path> awaitNewCheckpoint(Optional<Path> previous, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Optional<Path> latest = latestCheckpoint();
    while ((latest.isEmpty() || latest.equals(previous)) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      latest = latestCheckpoint();
    }
    return latest;
  }

  String jdbcUrl() {
    return services.jdbcUrl();
  }

  /**
   * Waits for the gateway to finish and for the export to be {@code complete}, then for the
   * barrier of {@link JobsCaughtUp} (the jobs committed the input topics' end offsets of that
   * moment), so that a doubled or stale write still under way shows; returns the export as it is then.
   */
  List<String> awaitExport(Predicate<List<String>> complete, Duration timeout) throws Exception {
    publisher.awaitDone(timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> rows = ChainOutput.exportedRowsOrNone(jdbcUrl());
    boolean matched = complete.test(rows);
    while (!matched && System.nanoTime() < deadline) {
      Thread.sleep(POLL.toMillis());
      rows = ChainOutput.exportedRowsOrNone(jdbcUrl());
      matched = complete.test(rows);
    }
    LOG.info("export {} after {} s", matched ? "matched" : "did not match", elapsedSeconds());
    JobsCaughtUp.await(services.kafka(), timeout);
    return ChainOutput.exportedRows(jdbcUrl());
  }

  List<DeadLetterKey> deadLetters() throws java.io.IOException {
    return ChainOutput.deadLetters(services.kafka(), CrashDataSet.expectedDeadLetters().size());
  }

  long elapsedSeconds() {
    return Duration.ofNanos(System.nanoTime() - started).toSeconds();
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable part : new AutoCloseable[] {publisher, pipeline, process, stack, services}) {
      if (part != null) {
        try {
          part.close();
        } catch (Exception e) {
          LOG.warn("stopping {}: {}", part.getClass().getSimpleName(), e.getMessage());
        }
      }
    }
  }
}
