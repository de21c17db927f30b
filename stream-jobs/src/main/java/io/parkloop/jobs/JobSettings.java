package io.parkloop.jobs;

import java.io.Serializable;
import java.time.Duration;

/**
 * The knobs of the indicator and alert jobs.
 *
 * @param outOfOrderness how far behind the newest reading the watermark trails
 * @param idleness after this without data a source split stops holding the watermark back
 * @param maxAge how far behind the job's event time a reading may be and still count (see
 *     {@link io.parkloop.jobs.functions.Lateness}): a device back from an outage with its backlog
 *     counts fully as long as the backlog is younger than this; older readings are late
 * @param retention how long after its end a period can still be corrected (≥ the maximum age;
 *     the extra covers consumption spread back over a meter's silence)
 * @param statisticsRetention how long after its end a month, quarter or year can still be
 *     corrected (monthly statistics are reported weeks late; a year is revised into the next)
 * @param sinkBatchRows rows per database batch
 * @param sinkFlushInterval the longest a row waits for its batch (freshness)
 * @param widerFlushInterval the longest an indicator row of a wider scope or a longer period
 *     ({@link io.parkloop.jobs.records.FreshnessTier#WIDER}) waits for its batch; checkpoints
 *     write them too
 */
public record JobSettings(Duration outOfOrderness, Duration idleness, Duration maxAge, Duration retention,
    Duration statisticsRetention, int sinkBatchRows, Duration sinkFlushInterval, Duration widerFlushInterval)
    implements Serializable {
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

  public static JobSettings defaults() {
    return withMaxAge(DEFAULT_MAX_AGE);
  }

  /**
   * The defaults, with the maximum age from the environment variable {@code PARKLOOP_MAX_AGE} when
   * set (ISO-8601, e.g. {@code P10D}): the jobs, replays and reconciliations of one deployment must
   * agree on it.
   */
  public static JobSettings fromEnvironment() {
    String maxAge = System.getenv("PARKLOOP_MAX_AGE");
    if (maxAge == null || maxAge.isBlank()) {
      return defaults();
    }
    try {
      return withMaxAge(Duration.parse(maxAge.strip()));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("PARKLOOP_MAX_AGE '" + maxAge + "' is no ISO-8601 duration such as P10D", e);
    }
  }

  /** The defaults with another maximum age, and the retention following it. */
  public static JobSettings withMaxAge(Duration maxAge) {
    return new JobSettings(Duration.ofMinutes(5), Duration.ofMinutes(1), maxAge, maxAge.plusDays(1),
        Duration.ofDays(400), 5_000, Duration.ofMillis(200), Duration.ofSeconds(5));
  }
}
