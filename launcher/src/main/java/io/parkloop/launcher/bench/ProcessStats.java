package io.parkloop.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU and memory of the processes of a bench, read from Linux's {@code /proc}: per named group
 * (the pipeline JVM, the generator, PostgreSQL's server processes) the CPU time used between two
 * marks, as a share of one core, and the peak resident memory. PostgreSQL's processes share
 * their buffers, so for a group of several processes memory is the sum of their proportional
 * set sizes (Pss) rather than of their RSS, which would count the shared pages once per process.
 */
public final class ProcessStats {
  /** Clock ticks per second of {@code /proc/<pid>/stat}'s times; 100 on every Linux in use. */
  private static final double TICKS_PER_SECOND = 100.0;

  private final Map<String, Supplier<List<Long>>> groups = new LinkedHashMap<>();
  private final Map<String, Long> ticksAtMark = new LinkedHashMap<>();
  private final Map<String, Long> peakKb = new LinkedHashMap<>();
  /** The most CPU seen per group: a process that has ended keeps what it used until its last sample. */
  private final Map<String, Long> mostTicks = new LinkedHashMap<>();
  private long markNanos;

  /** CPU as % of one core (200 = both cores of a 2-core machine) and peak memory of one group. */
  public record Usage(double cpuPercent, double cpuSeconds, long peakMemoryMb) {}

  public void add(String name, Supplier<List<Long>> pids) {
    groups.put(name, pids);
  }

  /** Starts the span that {@link #usage()} measures CPU over. */
  public synchronized void mark() {
    markNanos = System.nanoTime();
    mostTicks.clear();
    groups.forEach((name, pids) -> ticksAtMark.put(name, ticks(pids.get())));
  }

  /** Reads the memory of every group now; call it every second or so to catch the peaks. */
  public synchronized void sample() {
    groups.forEach((name, pids) -> {
      List<Long> list = pids.get();
      long kb = list.size() == 1 ? statusKb(list.get(0), "VmRSS:")
          : list.stream().mapToLong(pid -> rollupKb(pid, "Pss:")).sum();
      peakKb.merge(name, kb, Math::max);
      mostTicks.merge(name, ticks(list), Math::max);
    });
  }

  /** Each group's CPU since {@link #mark()} and memory peak so far. */
  public synchronized Map<String, Usage> usage() {
    double seconds = (System.nanoTime() - markNanos) / 1e9;
    Map<String, Usage> usage = new LinkedHashMap<>();
    groups.forEach((name, pids) -> {
      long ticks = Math.max(ticks(pids.get()), mostTicks.getOrDefault(name, 0L));
      double cpu = Math.max(0, ticks - ticksAtMark.getOrDefault(name, 0L)) / TICKS_PER_SECOND;
      usage.put(name, new Usage(Math.round(cpu / seconds * 1000) / 10.0, Math.round(cpu * 10) / 10.0,
          peakKb.getOrDefault(name, 0L) / 1024));
    });
    return usage;
  }

  /**
   * utime + stime of the processes, in clock ticks. For a process tree (the first pid the parent)
   * the parent's cutime + cstime count too: the CPU of children that ended, such as PostgreSQL
   * backends of closed connections.
   */
  private static long ticks(List<Long> pids) {
    long ticks = 0;
    for (int i = 0; i < pids.size(); i++) {
      String[] fields = statFields(pids.get(i));
      if (fields.length > 16) {
        ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        if (i == 0 && pids.size() > 1) {
          ticks += Long.parseLong(fields[15]) + Long.parseLong(fields[16]);
        }
      }
    }
    return ticks;
  }

  /** The fields of /proc/pid/stat from the state on (the command name may hold spaces). */
  private static String[] statFields(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // re-index so that fields[k] is the (k+1)-th field of proc(5): pid and comm come first
      String rest = stat.substring(stat.lastIndexOf(')') + 2);
      String[] tail = rest.split(" ");
      String[] fields = new String[tail.length + 2];
      System.arraycopy(tail, 0, fields, 2, tail.length);
      return fields;
    } catch (IOException | RuntimeException e) {
      return new String[0];
    }
  }

  private static long statusKb(long pid, String key) {
    return fieldKb(Path.of("/proc", Long.toString(pid), "status"), key);
  }

  private static long rollupKb(long pid, String key) {
    return fieldKb(Path.of("/proc", Long.toString(pid), "smaps_rollup"), key);
  }

  private static long fieldKb(Path file, String key) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.filter(line -> line.startsWith(key)).findFirst()
          .map(line -> Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0])).orElse(0L);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** A process and its children (PostgreSQL's postmaster and its backends). */
  public static List<Long> withChildren(long parent) {
    List<Long> pids = new ArrayList<>();
    pids.add(parent);
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      procs.map(p -> p.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .filter(pid -> {
            String[] fields = statFields(pid);
            return fields.length > 3 && Long.parseLong(fields[3]) == parent;
          })
          .forEach(pids::add);
    } catch (IOException e) {
      // no /proc: nothing but the parent to report
    }
    return pids;
  }

  /** The postmaster of a PostgreSQL data directory (first line of {@code postmaster.pid}), if it runs. */
  public static List<Long> postgres(Path dataDirectory) {
    try {
      long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
      return withChildren(postmaster);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
