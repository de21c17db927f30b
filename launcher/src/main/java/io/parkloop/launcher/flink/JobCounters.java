package io.parkloop.launcher.flink;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * The counters of a job on a local MiniCluster by name, summed over operators and subtasks, so
 * that a replay can show the job's own counts (readings through, late readings) while it runs
 * and after it ends: a counter keeps its value when its task finishes.
 *
 * <p>Flink makes metric reporters itself, from a factory named in the configuration (and found
 * by the service loader); the factory finds these counters through a registry keyed by the run
 * id that the configuration carries too.
 */
public final class JobCounters implements AutoCloseable {
  private static final String REPORTER = "metrics.reporter.parkloop_job_counters.";
  private static final Map<String, JobCounters> RUNS = new ConcurrentHashMap<>();

  private final String run = UUID.randomUUID().toString();
  private final Map<String, List<Counter>> byName = new ConcurrentHashMap<>();

  private JobCounters() {}

  /** The counters of the job that runs with {@code conf}; close them when done with it. */
  public static JobCounters collectInto(Configuration conf) {
    JobCounters counters = new JobCounters();
    RUNS.put(counters.run, counters);
    conf.set(ConfigOptions.key(REPORTER + "factory.class").stringType().noDefaultValue(), Factory.class.getName());
    conf.set(ConfigOptions.key(REPORTER + "run").stringType().noDefaultValue(), counters.run);
    return counters;
  }

  /** The sum of every counter of that name; 0 when there is none (yet). */
  public long total(String name) {
    return byName.getOrDefault(name, List.of()).stream().mapToLong(Counter::getCount).sum();
  }

  @Override
  public void close() {
    RUNS.remove(run);
  }

  /** Made by Flink through the service loader, hence public. */
  public static final class Factory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
      JobCounters counters = RUNS.get(properties.getProperty("run"));
      if (counters == null) {
        throw new IllegalStateException("no job counters for run " + properties.getProperty("run"));
      }
      return new Reporter(counters);
    }
  }

  private record Reporter(JobCounters counters) implements MetricReporter {
    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
      if (metric instanceof Counter counter) {
        counters.byName.computeIfAbsent(name, key -> new CopyOnWriteArrayList<>()).add(counter);
      }
    }

    /** Kept: a finished task's count is part of the job's total. */
    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {}

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}
  }
}
