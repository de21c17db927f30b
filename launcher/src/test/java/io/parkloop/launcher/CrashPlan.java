package io.parkloop.launcher;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * How hard one run of the crash suite shakes the pipeline: the seed that places the kill points
 * and the lengths of the outages. The short variant fits CI; the long one
 * ({@code -Dparkloop.crash.long=true}) is the full test. {@code -Dparkloop.crash.seed=N}
 * repeats a run.
 *
 * @param publishing how long the data set takes to publish (its pace)
 * @param jobKills how many times the Flink jobs are killed while it streams
 * @param postgresOutage how long PostgreSQL is down
 * @param otherOutage how long the bridge, Kafka or the MQTT broker is down
 */
record CrashPlan(long seed, boolean isLong, Duration publishing, int jobKills, Duration postgresOutage,
    Duration otherOutage) {

  static CrashPlan fromSystemProperties() {
    long seed = Long.getLong("parkloop.crash.seed", System.nanoTime());
    return Boolean.getBoolean("parkloop.crash.long")
        ? new CrashPlan(seed, true, Duration.ofSeconds(100), 12, Duration.ofSeconds(60), Duration.ofSeconds(15))
        : new CrashPlan(seed, false, Duration.ofSeconds(14), 3, Duration.ofSeconds(8), Duration.ofSeconds(3));
  }

  /**
   * Where the jobs die: after how many of the {@code messages} published, distinct, ascending,
   * between the first and the last tenth of the stream (so each kill finds work in flight).
   */
  List<Integer> killPoints(int messages) {
    int from = messages / 10;
    int to = messages - messages / 10;
    return new Random(seed).ints(from, to).distinct().limit(jobKills).sorted().boxed().toList();
  }

  /** For each kill, how long into a checkpoint interval it strikes once the jobs have a checkpoint. */
  List<Long> killPhasesMillis(Duration checkpointInterval) {
    return new Random(~seed).longs(jobKills, 0, checkpointInterval.toMillis()).boxed().toList();
  }

  /** A point somewhere in the middle half of the stream, for a single outage of {@code scenario}. */
  int outagePoint(int messages, String scenario) {
    Random random = new Random(seed ^ scenario.hashCode());
    return messages / 4 + random.nextInt(Math.max(1, messages / 2));
  }

  String describe() {
    return String.format("seed %d (-Dparkloop.crash.seed=%d repeats it), %s variant: %d job kills, "
        + "PostgreSQL down %d s, other outages %d s, data set published over %d s", seed, seed,
        isLong ? "long" : "short", jobKills, postgresOutage.toSeconds(), otherOutage.toSeconds(), publishing.toSeconds());
  }
}
