package io.parkloop.jobs.alerts;

import io.parkloop.jobs.Periods;
import io.parkloop.jobs.functions.Lateness;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.reference.Outlet;
import io.parkloop.reference.ReferenceData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by outlet: the treatment facility behind the outlet has stopped while the outlet still
 * discharges or the enterprise's production goes on (docs/alerts.md, "Treatment stopped").
 *
 * <p>From the monitoring point's hourly data (CN 2061): the power of the treatment equipment and
 * of the production equipment (HJ 212-2025 ST 44 values under the codes the outlet lists in the
 * reference data, {@code -Avg} in kW) and the outlet's discharged volume ({@code w00000-Cou} or
 * {@code a00000-Cou}). An hour is <em>stopped</em> when the treatment power is at or below the
 * outlet's idle power and the outlet discharged or the production drew more than that; an episode
 * of stopped hours closes at the first later hour in which the treatment power is above idle or
 * nothing is discharged or produced. Hours without treatment data neither extend nor close one.
 * Like the other rules it recomputes its episodes from what it knows whenever a value arrives, so
 * late data within the maximum age and a replay give the same alerts.
 */
public class TreatmentStoppedAlerts extends KeyedProcessFunction<String, MeterReading, AlertUpdate> {
  private static final int EVIDENCE_HOURS = 3;

  private final ReferenceData reference;
  private final long maxAgeMillis;
  private transient Map<String, Outlet> outlets;
  /** Value by {@code hourStart|code}: a code's power (kW) or the discharged volume (m³). */
  private transient MapState<String, Double> values;
  private transient AlertLedger ledger;

  public TreatmentStoppedAlerts(ReferenceData reference, long maxAgeMillis) {
    this.reference = reference;
    this.maxAgeMillis = maxAgeMillis;
  }

  /**
   * Hourly values that count (flag N or none): power averages (ST 44; an ST 45 condition of the
   * same code is no power) and discharged volumes.
   */
  public static boolean counts(MeterReading reading) {
    return reading.isOutletValue() && "hour".equals(reading.period)
        && (reading.flag == null || "N".equals(reading.flag))
        && (("Avg".equals(reading.kind) && "power".equals(reading.quantity)) || isVolume(reading));
  }

  private static boolean isVolume(MeterReading reading) {
    return "Cou".equals(reading.kind) && ("w00000".equals(reading.factor) || "a00000".equals(reading.factor));
  }

  @Override
  public void open(OpenContext context) {
    outlets = new HashMap<>();
    reference.outlets().stream().filter(outlet -> !outlet.treatmentEquipment().isEmpty())
        .forEach(outlet -> outlets.put(outlet.id(), outlet));
    values = getRuntimeContext().getMapState(new MapStateDescriptor<>("treatment-values", String.class, Double.class));
    ledger = new AlertLedger(getRuntimeContext());
  }

  @Override
  public void processElement(MeterReading reading, Context ctx, Collector<AlertUpdate> out) throws Exception {
    Outlet outlet = outlets.get(reading.meter);
    if (outlet == null || !(isVolume(reading) || outlet.treatmentEquipment().contains(reading.factor)
        || outlet.productionEquipment().contains(reading.factor))) {
      return; // no power monitoring at this outlet, or a pollutant: the concentration rule's
    }
    if (Lateness.isLate(reading.ts, ctx.timerService().currentWatermark(), Long.MIN_VALUE, maxAgeMillis)) {
      return; // the indicator job keeps it in late_reading
    }
    long hour = Periods.hourStart(reading.ts);
    String key = hour + "|" + (isVolume(reading) ? "volume" : reading.factor);
    Double before = values.get(key);
    if (before != null && before >= reading.value) {
      return; // a duplicate, or the smaller of two values for one hour (the larger wins in any order)
    }
    values.put(key, reading.value);
    ctx.timerService().registerEventTimeTimer(hour + Periods.HOUR + maxAgeMillis);
    ledger.publishAll(episodes(outlet, hours()), out);
  }

  /** Lets go of the hours no value can change any more, except those of an episode still open. */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertUpdate> out) throws Exception {
    Outlet outlet = outlets.get(ctx.getCurrentKey());
    long horizon = ctx.timerService().currentWatermark() - maxAgeMillis;
    if (outlet == null) {
      values.clear();
      ledger.clear();
      return;
    }
    long keepFrom = horizon;
    for (AlertUpdate episode : episodes(outlet, hours())) {
      if (episode.closedAt == null || episode.closedAt >= horizon) {
        keepFrom = Math.min(keepFrom, episode.openedAt);
      }
    }
    List<String> settled = new ArrayList<>();
    for (String key : values.keys()) {
      if (Long.parseLong(key.substring(0, key.indexOf('|'))) + Periods.HOUR <= keepFrom) {
        settled.add(key);
      }
    }
    for (String key : settled) {
      values.remove(key);
    }
    long bound = keepFrom;
    ledger.forgetIf(alert -> alert.closedAt != null && alert.closedAt <= bound);
  }

  /** What the state knows, by hour: code (or "volume") → value. */
  private TreeMap<Long, Map<String, Double>> hours() throws Exception {
    TreeMap<Long, Map<String, Double>> hours = new TreeMap<>();
    for (Map.Entry<String, Double> entry : values.entries()) {
      int bar = entry.getKey().indexOf('|');
      hours.computeIfAbsent(Long.parseLong(entry.getKey().substring(0, bar)), hour -> new HashMap<>())
          .put(entry.getKey().substring(bar + 1), entry.getValue());
    }
    return hours;
  }

  /** The episodes of stopped hours, in time order; the last may still be open. */
  static List<AlertUpdate> episodes(Outlet outlet, TreeMap<Long, Map<String, Double>> hours) {
    List<AlertUpdate> episodes = new ArrayList<>();
    Long openedAt = null;
    double lowest = Double.MAX_VALUE;
    List<String> evidence = new ArrayList<>();
    for (Map.Entry<Long, Map<String, Double>> hour : hours.entrySet()) {
      Double treatment = sum(hour.getValue(), outlet.treatmentEquipment());
      if (treatment == null) {
        continue;
      }
      Double production = sum(hour.getValue(), outlet.productionEquipment());
      double volume = hour.getValue().getOrDefault("volume", 0.0);
      boolean stillWorking = volume > 0 || (production != null && production > outlet.idleKw());
      boolean stopped = treatment <= outlet.idleKw() && stillWorking;
      if (stopped) {
        if (openedAt == null) {
          openedAt = hour.getKey();
          lowest = Double.MAX_VALUE;
          evidence = new ArrayList<>();
        }
        lowest = Math.min(lowest, treatment);
        if (evidence.size() < EVIDENCE_HOURS) {
          evidence.add(Evidence.time(hour.getKey()) + " treatment " + Evidence.number(treatment) + " kW"
              + (production == null ? "" : ", production " + Evidence.number(production) + " kW")
              + ", discharged " + Evidence.number(volume) + " m³");
        }
      } else if (openedAt != null) {
        episodes.add(alert(outlet, openedAt, hour.getKey(), lowest, evidence));
        openedAt = null;
      }
    }
    if (openedAt != null) {
      episodes.add(alert(outlet, openedAt, null, lowest, evidence));
    }
    return episodes;
  }

  private static Double sum(Map<String, Double> hour, List<String> codes) {
    Double sum = null;
    for (String code : codes) {
      Double value = hour.get(code);
      if (value != null) {
        sum = (sum == null ? 0 : sum) + value;
      }
    }
    return sum;
  }

  private static AlertUpdate alert(Outlet outlet, long openedAt, Long closedAt, double lowest, List<String> evidence) {
    List<String> lines = new ArrayList<>(evidence);
    lines.add("idle at or below " + Evidence.number(outlet.idleKw()) + " kW");
    return new AlertUpdate(AlertUpdate.TREATMENT_STOPPED, "outlet", outlet.id(), null, AlertUpdate.CRITICAL, openedAt, closedAt, lowest,
        outlet.idleKw(), lines);
  }
}
