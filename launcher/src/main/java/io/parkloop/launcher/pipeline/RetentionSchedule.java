package io.parkloop.launcher.pipeline;

import io.parkloop.storage.Retention;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the tables' retention at start and once a day while the pipeline runs. */
public final class RetentionSchedule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);
  private static final Duration EVERY = Duration.ofDays(1);

  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "parkloop-retention");
    thread.setDaemon(true);
    return thread;
  });

  private RetentionSchedule() {}

  static RetentionSchedule start(DataSource database, Retention retention) {
    RetentionSchedule schedule = new RetentionSchedule();
    schedule.executor.scheduleWithFixedDelay(() -> apply(database, retention), 0, EVERY.toMinutes(), TimeUnit.MINUTES);
    return schedule;
  }

  private static void apply(DataSource database, Retention retention) {
    try {
      long deleted = retention.apply(database);
      LOG.info("retention: deleted {} rows (readings older than {}, hourly indicators older than {})", deleted,
          retention.readings(), retention.hourlyIndicators());
    } catch (Exception e) {
      // tried again tomorrow; the tables only grow a day's worth meanwhile
      LOG.warn("retention: could not delete old rows, next try in {}: {}", EVERY, e.toString());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
