package io.parkloop.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine's cores, memory, CPU model and load average, from Linux's {@code /proc}. */
public final class MachineInfo {
  private MachineInfo() {}

  public static BenchResult.Machine read(String loadBefore) {
    return new BenchResult.Machine(Runtime.getRuntime().availableProcessors(), memTotalKb() / 1024, cpuModel(),
        loadBefore, loadAverage());
  }

  /** The 1, 5 and 15 minute load averages, e.g. {@code 1.52 1.10 0.80}. */
  public static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static long memTotalKb() {
    return firstValue("/proc/meminfo", "MemTotal:").map(v -> Long.parseLong(v.split("\\s+")[0])).orElse(0L);
  }

  private static String cpuModel() {
    return firstValue("/proc/cpuinfo", "model name").map(v -> v.replaceFirst("^\\s*:\\s*", "")).orElse("unknown");
  }

  private static java.util.Optional<String> firstValue(String file, String key) {
    try {
      List<String> lines = Files.readAllLines(Path.of(file));
      return lines.stream().filter(l -> l.startsWith(key)).findFirst().map(l -> l.substring(key.length()).trim());
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }
}
