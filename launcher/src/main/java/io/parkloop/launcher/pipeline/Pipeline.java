package io.parkloop.launcher.pipeline;

import io.parkloop.ingest.IngestMetrics;
import io.parkloop.jobs.JobSettings;
import io.parkloop.jobs.ParkloopJobs;
import io.parkloop.launcher.flink.LocalFlink;
import io.parkloop.launcher.replay.DayCorrectionsTopic;
import io.parkloop.launcher.replay.Reconcile;
import io.parkloop.readside.Migrations;
import io.parkloop.reference.ReferenceData;
import io.parkloop.storage.Databases;
import io.parkloop.storage.ReferenceTables;
import io.parkloop.storage.Retention;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live pipeline on a set of services: the schema migrated and the reference data mirrored,
 * ingest ({@link IngestServices}: the MQTT→Kafka bridge, HJ 212 over TCP, /metrics), and
 * parkloop's jobs ({@link ParkloopJobs}: indicators, alerts and the copy of the dead-letter topic
 * into the {@code dead_letter} table) on a MiniCluster.
 */
public final class Pipeline implements AutoCloseable {
  /** Readings are keyed by meter: partitions let the job and the bridge scale out. */
  public static final int READING_PARTITIONS = 4;
  /** The jobs' own interval, which the crash tests time their kills by. */
  public static final Duration CHECKPOINT_INTERVAL = ParkloopJobs.CHECKPOINT_INTERVAL;
  /** How often {@code parkloop reconcile} runs inside the pipeline (it does nothing without late readings). */
  static final Duration RECONCILE_EVERY = Duration.ofHours(1);
  /** How often the pipeline looks whether the reference data changed (the watcher reads the file). */
  static final Duration REFERENCE_POLL = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final DataSource database;
  private IngestServices ingest;
  private PipelineLag lag;
  private LocalFlink flink;
  private RetentionSchedule retention;
  private Function<ReferenceData, ParkloopJobs> jobGraph;
  private Supplier<Reconcile> reconciliation;
  private Path checkpoints;
  /** The reference data the jobs run with, and ingest validates against: both switch together. */
  private volatile ReferenceData active;
  private volatile int referenceSwitches;
  private ScheduledExecutorService referenceFollower;

  private Pipeline(DataSource database) {
    this.database = database;
  }

  /**
   * @param references the current reference data: when it changes (a new version from the
   *     {@link io.parkloop.reference.ReferenceWatcher}), the jobs restart with it from their latest
   *     checkpoint, see {@link #followReference}
   */
  public static Pipeline start(LocalStack stack, Supplier<ReferenceData> references, Path dataDir, int hj212Port)
      throws Exception {
    return start(stack, references, dataDir, hj212Port, 0);
  }

  /** @param metricsPort where Prometheus scrapes ingest's counters, or 0 for no endpoint */
  public static Pipeline start(LocalStack stack, Supplier<ReferenceData> references, Path dataDir, int hj212Port,
      int metricsPort) throws Exception {
    return start(stack, references, dataDir, hj212Port, metricsPort, JobSettings.fromEnvironment());
  }

  /** @param settings of the jobs and the reconciliations (a test's short maximum age) */
  public static Pipeline start(LocalStack stack, Supplier<ReferenceData> references, Path dataDir, int hj212Port,
      int metricsPort, JobSettings settings) throws Exception {
    ReferenceData reference = references.get();
    DataSource database = Databases.dataSource(stack.jdbcUrl());
    Databases.awaitReachable(database, Duration.ofMinutes(2));
    Migrations.migrate(database);
    ReferenceTables.sync(database, reference);
    Pipeline pipeline = new Pipeline(database);
    try {
      pipeline.lag = new PipelineLag(stack.kafka(), database);
      pipeline.retention = RetentionSchedule.start(database, Retention.fromEnvironment());
      pipeline.jobGraph = jobsReference -> ParkloopJobs.onKafkaAndPostgres(jobsReference, stack.kafka(), stack.jdbcUrl(),
          settings);
      pipeline.reconciliation = () -> new Reconcile(pipeline.active, stack.jdbcUrl(), settings)
          .publishingTo(new DayCorrectionsTopic(stack.kafka()));
      pipeline.checkpoints = dataDir.resolve("checkpoints");
      pipeline.active = reference;
      pipeline.ingest = IngestServices.start(stack.bridgeConfig(), stack.kafka(), () -> pipeline.active, hj212Port,
          metricsPort, pipeline.lag.gauges());
      pipeline.flink = pipeline.startJobs();
      pipeline.referenceFollower = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "reference-follower");
        thread.setDaemon(true);
        return thread;
      });
      pipeline.referenceFollower.scheduleWithFixedDelay(() -> pipeline.followReference(references),
          REFERENCE_POLL.toMillis(), REFERENCE_POLL.toMillis(), TimeUnit.MILLISECONDS);
      // the same thread: a reconciliation and a switch of the reference data never overlap
      pipeline.referenceFollower.scheduleWithFixedDelay(pipeline::reconcileOnSchedule,
          RECONCILE_EVERY.toMillis(), RECONCILE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
      return pipeline;
    } catch (Exception e) {
      pipeline.close();
      throw e;
    }
  }

  private LocalFlink startJobs() throws Exception {
    return LocalFlink.start(jobGraph.apply(active), checkpoints, 2);
  }

  /**
   * A new version of the reference data reaches the running jobs by a controlled restart: the jobs
   * stop, ingest and the jobs switch to the new version together, and the jobs start again from
   * their latest checkpoint. So everything read since that checkpoint is read again with the new
   * version: an added meter, outlet or park counts from its first reading that ingest accepted
   * (before the switch ingest refused it as unknown, to the dead letters), a removed one stops.
   * A reading ingest accepted under the old version that the new one cannot place is counted as
   * unattributed ({@link io.parkloop.jobs.functions.MeterConsumption#UNATTRIBUTED}).
   */
  private synchronized void followReference(Supplier<ReferenceData> references) {
    ReferenceData latest = references.get();
    if (latest == active) {
      return;
    }
    try {
      // first the tables: if the database is away, nothing has changed yet and the next poll tries again
      ReferenceTables.sync(database, latest);
    } catch (Exception e) {
      LOG.warn("reference data not switched yet, its tables could not be written: {}", e.toString());
      return;
    }
    flink.close();
    active = latest;
    try {
      flink = startJobs();
      referenceSwitches++;
      LOG.info("jobs restarted with the new reference data from {}", flink.resumedFrom().map(Path::toString)
          .orElse("the earliest readings (no checkpoint yet)"));
    } catch (Exception e) {
      LOG.error("the jobs did not start again with the new reference data", e);
    }
  }

  /**
   * Brings the late readings stored so far into the figures and the running jobs (see {@link
   * Reconcile}): what the schedule does every {@link #RECONCILE_EVERY}.
   */
  public Reconcile.Summary reconcile() throws Exception {
    return reconciliation.get().run();
  }

  private void reconcileOnSchedule() {
    try {
      Reconcile.Summary summary = reconcile();
      if (summary.years() > 0 || summary.outletValuesLeft() > 0) {
        LOG.info("{}", summary.line());
      }
    } catch (Exception e) {
      LOG.warn("reconciling the late readings failed, trying again in {}: {}", RECONCILE_EVERY, e.toString());
    }
  }

  /** How often the jobs switched to a new version of the reference data. */
  public int referenceSwitches() {
    return referenceSwitches;
  }

  /**
   * Cancels the jobs, dropping whatever they did since their latest checkpoint, and starts them
   * again from that checkpoint, as a new run of the pipeline would.
   *
   * @return the checkpoint they resumed from, empty if there was none yet
   */
  public synchronized Optional<Path> restartJobs() throws Exception {
    flink.close();
    flink = startJobs();
    return flink.resumedFrom();
  }

  /** The newest complete checkpoint of this or an earlier run. */
  Optional<Path> latestCheckpoint() {
    return LocalFlink.latestCheckpoint(checkpoints);
  }

  /**
   * A counter of the running jobs since their start, summed over operators and subtasks: e.g.
   * {@link io.parkloop.jobs.functions.MeterConsumption#UNATTRIBUTED}, readings a job's reference
   * data cannot place.
   */
  public long jobCounter(String name) {
    return flink.counter(name);
  }

  public IngestMetrics metrics() {
    return ingest.metrics();
  }

  public PipelineLag lag() {
    return lag;
  }

  public DataSource database() {
    return database;
  }

  /** The port HJ 212 analysers connect to, or 0 when the server is off. */
  int hj212Port() {
    return ingest.hj212Port();
  }

  /** The port of the Prometheus endpoint, or 0 when there is none. */
  int metricsPort() {
    return ingest.metricsPort();
  }

  @Override
  public void close() {
    if (referenceFollower != null) {
      referenceFollower.shutdownNow();
    }
    if (ingest != null) {
      ingest.close();
    }
    synchronized (this) {
      if (flink != null) {
        flink.close();
      }
    }
    if (retention != null) {
      retention.close();
    }
    if (lag != null) {
      lag.close();
    }
  }
}
