package io.parkloop.jobs;

import java.io.Serializable;
import java.time.Duration;

/**
 * The knobs of the indicator job.
 *
 * @param outOfOrderness how far behind the newest reading the watermark trails
 * @param idleness after this without data a source split stops holding the watermark back
 * @param allowedLateness readings older than the watermark by more than this are late (SPEC: at least 24 h)
 * @param retention how long after its end a period can still be corrected (≥ allowed lateness;
 *     the extra covers consumption spread back over a meter's silence)
 * @param statisticsRetention how long after its end a month, quarter or year can still be
 *     corrected (monthly statistics are reported weeks late; a year is revised into the next)
 * @param sinkBatchRows rows per database batch
 * @param sinkFlushInterval the longest a row waits for its batch (freshness)
 */
public record JobSettings(Duration outOfOrderness, Duration idleness, Duration allowedLateness, Duration retention,
    Duration statisticsRetention, int sinkBatchRows, Duration sinkFlushInterval) implements Serializable {

  public static JobSettings defaults() {
    return new JobSettings(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(24), Duration.ofHours(48),
        Duration.ofDays(400), 5_000, Duration.ofMillis(200));
  }
}
