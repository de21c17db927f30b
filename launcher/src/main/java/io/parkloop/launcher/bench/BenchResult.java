package io.parkloop.launcher.bench;

import java.util.List;
import java.util.Map;

/** Everything a bench run measured; printed as JSON with {@code --json}. */
public record BenchResult(Machine machine, Fleet fleet, EndToEnd endToEnd, StageResults stages) {

  /** Where it ran: the figures mean little without the machine and how busy it was. */
  public record Machine(int cores, long memoryMb, String cpuModel, String loadAverageBefore, String loadAverageAfter) {}

  public record Fleet(String prefix, int meters, int enterprises, int parks, int outlets, int probes, int batch,
      double hj212Share, double rate, long durationSeconds) {}

  public record EndToEnd(GeneratorSummary sent, Throughput throughput, FreshnessProbe.Percentiles freshnessMs,
      List<LagSample> kafkaLag, DeadLetters deadLetters, Map<String, ProcessStats.Usage> processes,
      Map<String, Double> pipelineJvmCpuPercent, Map<String, Double> cpuMicrosPerReading,
      TotalsCheck.Result correctness) {}

  /**
   * Readings per second at each point of the chain.
   *
   * @param sentPerS what the generator achieved (the offered load)
   * @param bridgedPerS readings the bridge handed to Kafka while the generator was sending
   * @param endToEndPerS readings sent ÷ seconds from the first send until the database held
   *     every one of them (the totals check passed); null when it never did
   * @param drainedAfterS those seconds
   * @param rowsUpserted indicator rows inserted or changed in PostgreSQL (pg_stat) over the same span
   */
  public record Throughput(double sentPerS, double bridgedPerS, Double endToEndPerS, double drainedAfterS,
      long kafkaRecords, long rowsUpserted, double rowsUpsertedPerS) {}

  public record LagSample(long second, long lag) {}

  public record DeadLetters(long total, Map<String, Long> byReason) {}
}
