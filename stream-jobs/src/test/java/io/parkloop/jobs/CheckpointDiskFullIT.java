package io.parkloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.embedded.TestDisk;
import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.jobs.records.LateReading;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.jobs.records.QualityEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint directory's disk runs full: the indicator job fails loudly (every checkpoint
 * fails to finalize, and past the tolerated failures the job fails and restarts, both in its REST
 * history) and recovers by itself once space returns (a checkpoint completes again). The disk is a 16 MiB tmpfs mounted for the
 * test, so it needs root, as CI has; elsewhere the mount fails and the test says why.
 */
class CheckpointDiskFullIT {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String[] METERS = {"E1-ELEC", "E1-FW"};

  @TempDir Path dir;
  private TestDisk disk;

  @AfterEach
  void unmount() throws Exception {
    if (disk != null) {
      disk.close();
    }
  }

  @Test
  void aFullCheckpointDiskFailsTheJobLoudlyAndItRecoversWhenSpaceReturns() throws Exception {
    disk = TestDisk.mount(dir.resolve("checkpoints"), 16);
    Path filler = disk.fill("filler");
    JobClient job = start(disk.dir());
    try {
      awaitRest(job, "/exceptions", "Exceeded checkpoint tolerable failure threshold");
      // the cause, "No space left on device", is only in the JobManager's log; fill() saw it
      awaitRest(job, "/checkpoints", "\"failure_message\":\"Failure to finalize checkpoint.\"");
      assertThat(completedCheckpoints(disk.dir())).as("checkpoints while the disk is full").isEmpty();

      Files.delete(filler);

      assertThat(awaitCompletedCheckpoint(disk.dir())).as("a checkpoint once space returned").isPresent();
    } finally {
      job.cancel().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private static JobClient start(Path checkpoints) throws Exception {
    Configuration conf = new Configuration();
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    env.enableCheckpointing(300);
    new IndicatorJob(IndicatorJobTest.REFERENCE, JobSettings.defaults(), endlessReadings(), null, new JobSinks(
        new CollectingSink<IndicatorRow>("disk-full", IndicatorRow::key),
        new CollectingSink<LateReading>("disk-full-late", r -> r.meter + r.ts),
        new CollectingSink<QualityEvent>("disk-full-quality", e -> e.meter + e.ts),
        new CollectingSink<MeterReading>("disk-full-readings", r -> r.meter + r.ts))).build(env);
    return env.executeAsync("disk-full");
  }

  private static DataGeneratorSource<MeterReading> endlessReadings() {
    return new DataGeneratorSource<>(index -> {
      long quarter = index / METERS.length;
      long ts = IndicatorJobTest.T0 + quarter * 15 * IndicatorJobTest.MIN;
      return new MeterReading(METERS[(int) (index % METERS.length)], ts, 1_000 + 25.0 * quarter, ts);
    }, Long.MAX_VALUE, RateLimiterStrategy.perSecond(100), TypeInformation.of(MeterReading.class));
  }

  /**
   * Waits until the MiniCluster's REST API, on {@code /jobs/<id>} + {@code resource}, tells
   * {@code text}: the job's exception history, or its checkpoint history with each failure's cause.
   */
  private static void awaitRest(JobClient job, String resource, String text) throws Exception {
    Configuration client = FLINK.getClientConfiguration();
    URI uri = URI.create("http://" + client.get(RestOptions.ADDRESS) + ":" + client.get(RestOptions.PORT)
        + "/jobs/" + job.getJobID() + resource);
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    String body = "";
    while (!body.contains(text) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      body = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
    assertThat(body).as("%s of the job", resource).contains(text);
  }

  private static List<Path> completedCheckpoints(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root, 3)) {
      return files.filter(file -> file.getFileName().toString().equals("_metadata")).toList();
    }
  }

  private static java.util.Optional<Path> awaitCompletedCheckpoint(Path root) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    List<Path> completed = completedCheckpoints(root);
    while (completed.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(200);
      completed = completedCheckpoints(root);
    }
    return completed.stream().findFirst();
  }
}
