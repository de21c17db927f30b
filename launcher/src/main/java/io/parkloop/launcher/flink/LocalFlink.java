package io.parkloop.launcher.flink;

import io.parkloop.jobs.ParkloopJobs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs parkloop's jobs (indicators and alerts, in one job graph) on an in-process MiniCluster with
 * checkpoints under the data directory.
 * A run resumes from the previous run's latest checkpoint, so stopping and starting again
 * neither loses nor doubles anything; with no checkpoint the job starts from the earliest
 * retained readings.
 */
public final class LocalFlink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalFlink.class);
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
  private final JobClient client;
  private final Optional<Path> resumedFrom;
  private final JobCounters counters;

  private LocalFlink(JobClient client, Optional<Path> resumedFrom, JobCounters counters) {
    this.client = client;
    this.resumedFrom = resumedFrom;
    this.counters = counters;
  }

  /** @param jobs the job graph, which sets its own checkpoint interval */
  public static LocalFlink start(ParkloopJobs jobs, Path checkpoints, int parallelism) throws Exception {
    Files.createDirectories(checkpoints);
    Optional<Path> latest = latestCheckpoint(checkpoints);
    Configuration conf = new Configuration();
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
    conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
    latest.ifPresent(path -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, path.toString()));
    JobCounters counters = JobCounters.collectInto(conf);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    jobs.build(env);
    JobClient client = env.executeAsync(ParkloopJobs.JOB_NAME);
    LOG.info("parkloop job (indicators and alerts) {} started{}", client.getJobID(),
        latest.map(p -> " from checkpoint " + p).orElse(""));
    return new LocalFlink(client, latest, counters);
  }

  /** The jobs' counters of that name since this start, summed (e.g. unattributed readings). */
  public long counter(String name) {
    return counters.total(name);
  }

  public Optional<Path> resumedFrom() {
    return resumedFrom;
  }

  /** The newest complete checkpoint ({@code <job>/chk-N/_metadata}) of any earlier run. */
  public static Optional<Path> latestCheckpoint(Path checkpoints) {
    try (Stream<Path> files = Files.walk(checkpoints, 3)) {
      return files.filter(p -> p.getFileName().toString().equals("_metadata"))
          .filter(p -> p.getParent().getFileName().toString().startsWith("chk-"))
          .max(Comparator.comparing(LocalFlink::modified))
          .map(Path::getParent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + checkpoints, e);
    }
  }

  private static long modified(Path path) {
    try {
      return Files.getLastModifiedTime(path).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    try {
      client.cancel().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      // the cancel is only accepted here: wait until the job has ended, so that its Kafka sources
      // and sinks let go before whoever closed the job stops the broker or the database
      client.getJobExecutionResult().handle((result, failure) -> null).get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("stopping the parkloop job: {}", e.toString());
    }
    counters.close();
  }
}
