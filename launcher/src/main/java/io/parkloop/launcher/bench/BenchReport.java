package io.parkloop.launcher.bench;

import java.io.PrintWriter;
import java.util.Locale;

/** The bench's report for people: the same figures as the JSON, one topic a line. */
public final class BenchReport {
  private BenchReport() {}

  private static String percent(Double share) {
    return share == null ? "n/a" : String.format(Locale.ROOT, "%.0f %%", share * 100);
  }

  public static void print(BenchResult r, PrintWriter out) {
    BenchResult.Fleet f = r.fleet();
    BenchResult.EndToEnd e = r.endToEnd();
    BenchResult.Throughput t = e.throughput();
    BenchResult.Machine m = r.machine();
    out.printf(Locale.ROOT, "parkloop bench: %,d meters behind %,d gateways (%d per payload) in %d parks, %d HJ 212 outlets;"
        + " %,.0f readings/s offered for %d s%n", f.meters(), f.enterprises(), f.batch(), f.parks(), f.outlets(), f.rate(),
        f.durationSeconds());
    out.printf(Locale.ROOT, "machine: %d cores, %,d MB, %s; load average before %s, after %s%n", m.cores(), m.memoryMb(),
        m.cpuModel(), m.loadAverageBefore(), m.loadAverageAfter());
    out.printf(Locale.ROOT, "sent: %,d readings (%,d HJ 212 values) in %,d MQTT messages over %.1f s%s%n",
        e.sent().readings(), e.sent().hj212Readings(), e.sent().messages(), e.sent().sendSeconds(),
        e.sent().republished() > 0 ? String.format(Locale.ROOT, ", %,d sent again", e.sent().republished()) : "");
    out.printf(Locale.ROOT, "readings/s: sent %,.0f | bridged to Kafka while sending %,.0f | end to end %s (all in the"
            + " database %.1f s after the first send)%n", t.sentPerS(), t.bridgedPerS(),
        t.endToEndPerS() == null ? "n/a (never complete)" : String.format(Locale.ROOT, "%,.0f", t.endToEndPerS()),
        t.drainedAfterS());
    out.printf(Locale.ROOT, "written: %,d indicator rows inserted or changed (%,.0f/s, %.1f per reading); %,d Kafka records%n",
        t.rowsUpserted(), t.rowsUpsertedPerS(), e.sent().readings() == 0 ? 0.0 : (double) t.rowsUpserted() / e.sent().readings(),
        t.kafkaRecords());
    FreshnessProbe.Percentiles p = e.freshnessMs();
    out.printf(Locale.ROOT, "freshness, send → enterprise-hour row updated (%d samples): p50 %s p95 %s p99 %s max %s ms%n",
        p.samples(), p.p50(), p.p95(), p.p99(), p.max());
    StringBuilder lag = new StringBuilder();
    e.kafkaLag().forEach(s -> lag.append(String.format(Locale.ROOT, " %ds:%,d", s.second(), s.lag())));
    out.println("Kafka lag (records, committed at checkpoints):" + lag);
    out.printf(Locale.ROOT, "dead letters: %,d %s%n", e.deadLetters().total(), e.deadLetters().byReason());
    StringBuilder cpu = new StringBuilder();
    e.processes().forEach((name, u) -> cpu.append(String.format(Locale.ROOT, " | %s %.0f %% CPU, %,d MB", name,
        u.cpuPercent(), u.peakMemoryMb())));
    out.println("processes while sending (CPU in % of one core, peak memory):" + cpu.substring(2));
    StringBuilder threads = new StringBuilder();
    e.pipelineJvmCpuPercent().forEach((group, percent) -> threads.append(String.format(Locale.ROOT, " | %s %.0f %%", group,
        percent)));
    out.println("  parkloop JVM by thread group:" + threads.substring(2));
    StringBuilder perReading = new StringBuilder();
    e.cpuMicrosPerReading().forEach((part, micros) -> perReading.append(String.format(Locale.ROOT, " | %s %.1f", part,
        micros)));
    if (!perReading.isEmpty()) {
      out.println("CPU per reading, first send → all in the database (µs):" + perReading.substring(2));
    }
    out.println("correctness: " + (e.correctness().ok() ? "PASS, nothing lost, nothing doubled" : "FAIL"));
    for (TotalsCheck.Total total : e.correctness().totals()) {
      out.printf(Locale.ROOT, "  %-10s %-16s expected %,.6f  actual %,.6f  difference %.6f (tolerance %.6f) %s%n",
          total.scopeType(), total.indicator(), total.expected(), total.actual(), total.difference(), total.tolerance(),
          total.ok() ? "ok" : "WRONG");
    }
    if (r.stages() != null) {
      out.println("stages alone (readings/s):");
      for (StageResults.Stage stage : r.stages().stages()) {
        out.printf(Locale.ROOT, "  %-10s %,12.0f  (%,d readings%s in %.1f s: %s)%n", stage.name(), stage.readingsPerS(),
            stage.readings(), stage.rows() > 0 ? String.format(Locale.ROOT, ", %,d rows", stage.rows()) : "",
            stage.seconds(), stage.measures());
      }
      out.printf(Locale.ROOT, "  slowest: %s; end to end reached %s of it%n", r.stages().slowest(),
          percent(r.stages().endToEndShareOfSlowest()));
      out.printf(Locale.ROOT, "  all stages taking turns on the same cores (1 / Σ 1/rate): %,.0f; end to end reached %s of it%n",
          r.stages().sharedCoresCeiling(), percent(r.stages().endToEndShareOfSharedCoresCeiling()));
    }
  }
}
