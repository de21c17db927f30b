package io.parkloop.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuPerReadingTest {
  @Test
  void splitsThePipelineJvmByThreadGroupAndLeavesTheGeneratorOut() {
    Map<String, ProcessStats.Usage> processes = new LinkedHashMap<>();
    processes.put("parkloop JVM", new ProcessStats.Usage(150, 90, 1_000));
    processes.put("Mosquitto", new ProcessStats.Usage(4, 2.0, 60));
    processes.put("PostgreSQL", new ProcessStats.Usage(30, 15.0, 100));
    processes.put("generator", new ProcessStats.Usage(20, 12.0, 300));
    Map<String, Long> threads = new LinkedHashMap<>();
    threads.put("HiveMQ broker", 0L);
    threads.put("bridge", 10_000_000_000L); // 10 s
    threads.put("Flink job", 50_000_000_000L); // 50 s
    threads.put("JVM", 25_000_000_000L); // 25 s

    // 500,000 readings: 10 s of bridge = 20 µs each, 50 s of job = 100 µs, 25 s of GC/JIT = 50 µs,
    // 2 s of Mosquitto = 4 µs, 15 s of PostgreSQL = 30 µs; 204 µs in all, the generator's 24 µs apart
    Map<String, Double> micros = CpuPerReading.of(processes, threads, 500_000);

    assertThat(micros).containsExactly(Map.entry("bridge", 20.0), Map.entry("Flink job", 100.0),
        Map.entry("JVM (GC, JIT)", 50.0), Map.entry("Mosquitto", 4.0), Map.entry("PostgreSQL", 30.0),
        Map.entry("total", 204.0));
  }

  @Test
  void noReadingsNoFigures() {
    assertThat(CpuPerReading.of(Map.of("PostgreSQL", new ProcessStats.Usage(1, 1, 1)), Map.of(), 0)).isEmpty();
  }
}
