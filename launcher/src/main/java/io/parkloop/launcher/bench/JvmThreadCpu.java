package io.parkloop.launcher.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the pipeline JVM's CPU goes: its Java threads' CPU time between two marks, grouped by
 * what the thread works for (told by its name), and the rest of the process (GC and JIT
 * compiler threads, threads that ended) as "JVM". One JVM holds the broker, Kafka, the bridge
 * and the Flink job, so this is the only way to tell them apart.
 */
public final class JvmThreadCpu {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> nanosAtMark = new HashMap<>();
  private long processNanosAtMark;
  private long wallAtMark;

  /** Starts the span that {@link #percentByGroup()} measures. */
  public void mark() {
    nanosAtMark.clear();
    for (long id : threads.getAllThreadIds()) {
      nanosAtMark.put(id, Math.max(0, threads.getThreadCpuTime(id)));
    }
    processNanosAtMark = processCpuNanos();
    wallAtMark = System.nanoTime();
  }

  /** Each group's CPU since {@link #mark()}, in % of one core. */
  public Map<String, Double> percentByGroup() {
    double wall = System.nanoTime() - wallAtMark;
    Map<String, Double> percent = new LinkedHashMap<>();
    nanosByGroup().forEach((group, used) -> percent.put(group, Math.round(used / wall * 1000) / 10.0));
    return percent;
  }

  /** Each group's CPU since {@link #mark()}, in nanoseconds; "JVM" is what no Java thread accounts for (GC, JIT). */
  public Map<String, Long> nanosByGroup() {
    Map<String, Long> nanos = new LinkedHashMap<>();
    for (String group : new String[] {"HiveMQ broker", "bridge", "Kafka broker", "Flink job", "other threads", "JVM"}) {
      nanos.put(group, 0L);
    }
    long javaThreads = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long used = Math.max(0, threads.getThreadCpuTime(info.getThreadId()) - nanosAtMark.getOrDefault(info.getThreadId(), 0L));
      nanos.merge(group(info.getThreadName()), used, Long::sum);
      javaThreads += used;
    }
    nanos.put("JVM", Math.max(0, processCpuNanos() - processNanosAtMark - javaThreads));
    return nanos;
  }

  static String group(String name) {
    if (name.startsWith("hivemq") || name.startsWith("single-writer") || name.startsWith("embedded-hivemq")) {
      return "HiveMQ broker";
    }
    if (name.startsWith("MQTT ") || name.startsWith("bridge-") || name.endsWith("| parkloop-bridge")) {
      return "bridge";
    }
    if (name.startsWith("data-plane-kafka") || name.startsWith("kafka-") || name.startsWith("quorum")
        || name.startsWith("broker-") || name.startsWith("controller-") || name.startsWith("ExpirationReaper")) {
      return "Kafka broker";
    }
    if (name.contains("/2)#") || name.contains("/1)#") || name.contains("/4)#") || name.startsWith("Source Data Fetcher")
        || name.startsWith("flink-") || name.startsWith("jobmanager") || name.startsWith("Flink")) {
      return "Flink job";
    }
    return "other threads";
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
