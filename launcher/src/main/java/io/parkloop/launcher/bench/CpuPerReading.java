package io.parkloop.launcher.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one reading costs each part of the chain: CPU from the first send until the database held
 * every reading (the span the end-to-end rate is measured over, so a backlog worked off after
 * sending counts too) ÷ the readings sent. The pipeline JVM is split into its thread groups, the
 * broker when it is a process of its own (Mosquitto) and PostgreSQL come from /proc. The
 * generator is not part of the pipeline: it is left out of the total.
 */
final class CpuPerReading {
  static final String TOTAL = "total";
  private static final String PIPELINE_JVM = "parkloop JVM";
  private static final String GENERATOR = "generator";

  private CpuPerReading() {}

  /**
   * @param processes CPU since the mark, per measured process group
   * @param jvmThreadNanos the pipeline JVM's CPU since the mark, per thread group
   * @return microseconds of CPU per reading, per part, in the chain's order, then {@value #TOTAL}
   */
  static Map<String, Double> of(Map<String, ProcessStats.Usage> processes, Map<String, Long> jvmThreadNanos,
      long readings) {
    Map<String, Double> micros = new LinkedHashMap<>();
    if (readings <= 0) {
      return micros;
    }
    double total = 0;
    for (Map.Entry<String, ProcessStats.Usage> process : processes.entrySet()) {
      String name = process.getKey();
      if (name.equals(GENERATOR)) {
        continue;
      }
      if (name.equals(PIPELINE_JVM)) {
        for (Map.Entry<String, Long> group : jvmThreadNanos.entrySet()) {
          if (group.getValue() > 0) {
            double perReading = group.getValue() / 1_000.0 / readings;
            micros.put(group.getKey().equals("JVM") ? "JVM (GC, JIT)" : group.getKey(), round(perReading));
            total += perReading;
          }
        }
      } else {
        double perReading = process.getValue().cpuSeconds() * 1e6 / readings;
        micros.put(name, round(perReading));
        total += perReading;
      }
    }
    micros.put(TOTAL, round(total));
    return micros;
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
