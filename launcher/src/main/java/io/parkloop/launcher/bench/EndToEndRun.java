package io.parkloop.launcher.bench;

import io.parkloop.ingest.IngestMetrics;
import io.parkloop.ingest.ReadingTopic;
import io.parkloop.jobs.ParkloopJobs;
import io.parkloop.launcher.pipeline.KafkaLag;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The end-to-end measurement on a running pipeline: warm it up, let the generator play the
 * fleet for the duration while sampling freshness, Kafka lag and the processes, then wait until
 * the database holds exactly what was sent (the drain) and report.
 */
public final class EndToEndRun {
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  /** How the run is driven. */
  public record Settings(double rate, Duration duration, double hj212Share, Duration drainTimeout) {}

  /** The services of the pipeline under test. */
  public record Target(String mqttUrl, String kafka, DataSource database, IngestMetrics metrics, Path workDir) {}

  private final String prefix;
  private final Path reference;
  private final List<String> probes;
  private final Settings settings;
  private final Target target;
  private final ProcessStats processes;
  private final PrintStream progress;

  public EndToEndRun(String prefix, Path reference, List<String> probes, Settings settings, Target target,
      ProcessStats processes, PrintStream progress) {
    this.prefix = prefix;
    this.reference = reference;
    this.probes = probes;
    this.settings = settings;
    this.target = target;
    this.processes = processes;
    this.progress = progress;
  }

  public BenchResult.EndToEnd run() throws Exception {
    warmUp();
    long startAt = System.currentTimeMillis() + 1_000;
    GeneratorProcess generator = GeneratorProcess.start(new GeneratorProcess.Plan(target.mqttUrl(), reference, prefix,
        settings.rate(), settings.duration().toMillis(), startAt, settings.hj212Share(), ReadingTopic.READINGS_PREFIX, Long.MAX_VALUE),
        target.workDir().resolve("generator"));
    processes.add("generator", () -> generator.isAlive() ? List.of(generator.pid()) : List.of());
    FreshnessProbe freshness = new FreshnessProbe(target.database(), probes, startAt);
    TotalsCheck totals = new TotalsCheck(target.database(), prefix);
    List<BenchResult.LagSample> lagTimeline = new ArrayList<>();
    JvmThreadCpu threadCpu = new JvmThreadCpu();
    ScheduledExecutorService sampler = Executors.newScheduledThreadPool(2);
    try (KafkaLag lag = new KafkaLag(target.kafka(), ParkloopJobs.INDICATOR_GROUP)) {
      long kafkaBefore = lag.endOffsets();
      long upsertsBefore = upserts();
      long bridgedBefore = target.metrics().readingsOut();
      while (System.currentTimeMillis() < startAt) {
        Thread.sleep(5);
      }
      processes.mark();
      threadCpu.mark();
      sampler.scheduleAtFixedRate(() -> quietly(freshness::poll), 0, 200, TimeUnit.MILLISECONDS);
      sampler.scheduleAtFixedRate(processes::sample, 0, 1, TimeUnit.SECONDS);
      sampler.scheduleAtFixedRate(() -> quietly(() -> {
        long seconds = (System.currentTimeMillis() - startAt) / 1000;
        long backlog = lag.lag();
        synchronized (lagTimeline) {
          lagTimeline.add(new BenchResult.LagSample(seconds, backlog));
        }
        printProgress(seconds, bridgedBefore, upsertsBefore, backlog, freshness);
      }), PROGRESS_EVERY.toMillis(), PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);

      GeneratorSummary sent = generator.await(settings.duration().toSeconds() + 300);
      long bridgedInWindow = target.metrics().readingsOut() - bridgedBefore;
      Map<String, ProcessStats.Usage> usage = processes.usage();
      Map<String, Double> pipelineThreads = threadCpu.percentByGroup();
      TotalsCheck.Result check = awaitDrain(totals, sent);
      long drainedAt = System.currentTimeMillis();
      Map<String, Double> cpuPerReading = CpuPerReading.of(processes.usage(), threadCpu.nanosByGroup(), sent.readings());
      sampler.shutdownNow();
      sampler.awaitTermination(10, TimeUnit.SECONDS);
      Thread.sleep(1_500); // PostgreSQL's statistics reach pg_stat at most a second late
      double seconds = (drainedAt - Math.max(startAt, sent.firstSendMillis())) / 1000.0;
      long upserted = upserts() - upsertsBefore;
      long kafkaRecords = lag.endOffsets() - kafkaBefore;
      return new BenchResult.EndToEnd(sent,
          new BenchResult.Throughput(round(sent.readings() / sent.sendSeconds()), round(bridgedInWindow / sent.sendSeconds()),
              check.ok() ? round(sent.readings() / seconds) : null, round(seconds), kafkaRecords, upserted,
              round(upserted / seconds)),
          freshness.percentiles(), lagTimeline,
          new BenchResult.DeadLetters(target.metrics().deadLettersTotal(), target.metrics().deadLettersByReason()),
          usage, pipelineThreads, cpuPerReading, check);
    } finally {
      sampler.shutdownNow();
      generator.destroy();
      freshness.close();
    }
  }

  /**
   * Two readings of the warm-up meter, then waits until they reach the database: the job is
   * running and its source has its partitions before the clock starts.
   */
  private void warmUp() throws Exception {
    MqttClient client = new MqttClient(target.mqttUrl(), "parkloop-bench-warmup", new MemoryPersistence());
    client.connect();
    long now = System.currentTimeMillis();
    GatewayPayloads payloads = new GatewayPayloads();
    for (int i = 0; i < 2; i++) {
      StringBuilder json = new StringBuilder();
      GatewayPayloads.appendReading(json, BenchFleet.warmUpMeter(prefix), payloads.timestamp(now - 2_000 + i * 1_000),
          Integer.toString(i), "kWh");
      MqttMessage message = new MqttMessage(json.toString().getBytes(StandardCharsets.UTF_8));
      message.setQos(1);
      client.publish(ReadingTopic.of(BenchFleet.warmUpEnterprise(prefix), BenchFleet.warmUpMeter(prefix)), message);
    }
    client.disconnect();
    client.close();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!warmUpArrived()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the pipeline did not write the warm-up reading within 3 minutes");
      }
      Thread.sleep(250);
    }
  }

  private boolean warmUpArrived() throws SQLException {
    try (Connection connection = target.database().getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "select 1 from indicator_value where scope_type = 'enterprise' and scope_id = ? and period_type = 'hour'")) {
      statement.setString(1, BenchFleet.warmUpEnterprise(prefix));
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  /** Checks the totals every second until they match or the drain timeout passes; returns the last check. */
  private TotalsCheck.Result awaitDrain(TotalsCheck totals, GeneratorSummary sent) throws Exception {
    long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
    while (true) {
      TotalsCheck.Result result = totals.check(sent);
      if (result.ok() || System.nanoTime() > deadline) {
        return result;
      }
      Thread.sleep(1_000);
    }
  }

  /** Indicator rows inserted or changed so far, from PostgreSQL's own statistics. */
  private long upserts() throws SQLException {
    try (Connection connection = target.database().getConnection();
        PreparedStatement statement = connection.prepareStatement("""
            select coalesce(sum(n_tup_ins + n_tup_upd), 0) from pg_stat_user_tables
            where relname = 'indicator_value' or schemaname = '_timescaledb_internal'""");
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private void printProgress(long seconds, long bridgedBefore, long upsertsBefore, long backlog,
      FreshnessProbe freshness) throws SQLException {
    FreshnessProbe.Percentiles p = freshness.percentiles();
    Map<String, ProcessStats.Usage> usage = processes.usage();
    StringBuilder cpu = new StringBuilder();
    usage.forEach((name, u) -> cpu.append(' ').append(name).append(' ').append(Math.round(u.cpuPercent())).append('%'));
    progress.printf(Locale.ROOT, "bench [%3d s] bridged %,d | Kafka lag %,d (committed at checkpoints) | rows upserted %,d"
            + " | freshness p99 %s ms (%d samples) | CPU since start:%s%n",
        seconds, target.metrics().readingsOut() - bridgedBefore, backlog, upserts() - upsertsBefore,
        p.p99() == null ? "-" : String.format(Locale.ROOT, "%,d", p.p99()), p.samples(), cpu);
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private interface Action {
    void run() throws Exception;
  }

  /** A sampler that fails once (the database busy, say) keeps sampling. */
  private void quietly(Action action) {
    try {
      action.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the run is over and stops its samplers
    } catch (Exception e) {
      progress.println("bench: sampling failed: " + e);
    }
  }
}
