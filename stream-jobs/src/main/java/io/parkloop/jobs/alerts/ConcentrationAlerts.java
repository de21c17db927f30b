package io.parkloop.jobs.alerts;

import io.parkloop.jobs.Periods;
import io.parkloop.jobs.alerts.EpisodeDetector.Episode;
import io.parkloop.jobs.alerts.EpisodeDetector.Thresholds;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.reference.Outlet;
import io.parkloop.reference.ReferenceData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by outlet and factor: concentration episodes over the outlet's limit (see
 * {@link EpisodeDetector}), one alert each, severity critical.
 *
 * <p>Episodes are recomputed from the detector's state at the maximum-age horizon plus every value
 * since, sorted by time, whenever a value arrives: a late value inside the maximum age opens,
 * extends, merges or closes episodes retroactively, and the {@link AlertLedger} turns the new
 * result into upserts and withdrawals by deterministic id, so nothing is published twice. As the
 * watermark moves on, values older than the maximum age are folded into the detector's state
 * and dropped; once nothing is open or under way, the key's state is gone.
 */
public class ConcentrationAlerts extends KeyedProcessFunction<String, MeterReading, AlertUpdate> {
  private final ReferenceData reference;
  private final AlertRules.Concentration rule;
  private final long maxAgeMillis;
  private transient Map<String, Outlet> outlets;
  private transient ValueState<EpisodeDetector> settled;
  private transient ValueState<OutletValues> recent;
  private transient AlertLedger ledger;
  private transient Counter tooLate;

  public ConcentrationAlerts(ReferenceData reference, AlertRules.Concentration rule, long maxAgeMillis) {
    this.reference = reference;
    this.rule = rule;
    this.maxAgeMillis = maxAgeMillis;
  }

  /**
   * Values the rule looks at: real-time, minute and hourly concentrations flagged N, or not
   * flagged at all, as old analysers send them.
   */
  public static boolean counts(MeterReading reading) {
    return reading.isOutletValue() && EpisodeDetector.seriesOf(reading) >= 0
        && (reading.flag == null || "N".equals(reading.flag));
  }

  public static String key(MeterReading reading) {
    return reading.meter + '|' + reading.factor;
  }

  @Override
  public void open(OpenContext context) {
    outlets = new HashMap<>();
    reference.outlets().forEach(outlet -> outlets.put(outlet.id(), outlet));
    settled = getRuntimeContext().getState(new ValueStateDescriptor<>("settled", EpisodeDetector.class));
    recent = getRuntimeContext().getState(new ValueStateDescriptor<>("recent", OutletValues.class));
    ledger = new AlertLedger(getRuntimeContext());
    tooLate = getRuntimeContext().getMetricGroup().counter("concentrationValuesTooLate");
  }

  @Override
  public void processElement(MeterReading reading, Context ctx, Collector<AlertUpdate> out) throws Exception {
    Thresholds thresholds = thresholds(reading.meter, reading.factor);
    if (thresholds == null) {
      return; // no limit for this factor at this outlet
    }
    long watermark = ctx.timerService().currentWatermark();
    if (watermark != Long.MIN_VALUE && reading.ts < watermark - maxAgeMillis) {
      tooLate.inc(); // the indicator job keeps it in late_reading; a replay brings it in
      return;
    }
    OutletValues values = recent.value();
    if (values == null) {
      values = new OutletValues();
    }
    if (!values.insert(reading.ts, EpisodeDetector.seriesOf(reading), reading.value)) {
      return;
    }
    recent.update(values);
    // by then every value of this hour has its place before the horizon and can be settled
    ctx.timerService().registerEventTimeTimer(Periods.hourStart(reading.ts) + 2 * Periods.HOUR + maxAgeMillis);
    List<AlertUpdate> alerts = new ArrayList<>();
    EpisodeDetector detector = detector().copy();
    for (int i = 0; i < values.size; i++) {
      detector.feed(values.ts[i], values.series[i], values.values[i], thresholds,
          episode -> alerts.add(alert(reading.meter, reading.factor, thresholds, episode)));
    }
    Episode open = detector.current();
    if (open != null) {
      alerts.add(alert(reading.meter, reading.factor, thresholds, open));
    }
    ledger.publishAll(alerts, out);
  }

  /**
   * Folds the values older than the maximum age into the detector: the episodes they close
   * can no longer change.
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertUpdate> out) throws Exception {
    String[] key = ctx.getCurrentKey().split("\\|", 2);
    Thresholds thresholds = thresholds(key[0], key[1]);
    OutletValues values = recent.value();
    if (thresholds == null || values == null) {
      clear();
      return;
    }
    EpisodeDetector detector = detector();
    int settling = values.countBefore(ctx.timerService().currentWatermark() - maxAgeMillis);
    for (int i = 0; i < settling; i++) {
      detector.feed(values.ts[i], values.series[i], values.values[i], thresholds,
          episode -> forget(key[0], key[1], episode));
    }
    values.removeFirst(settling);
    if (detector.idle() && values.size == 0 && ledger.isEmpty()) {
      clear();
    } else {
      settled.update(detector);
      recent.update(values);
    }
  }

  private void forget(String outlet, String factor, Episode episode) {
    try {
      ledger.forget(AlertUpdate.idOf(AlertUpdate.CONCENTRATION, "outlet", outlet, factor, episode.openedAt()));
    } catch (Exception e) {
      throw new IllegalStateException("cannot update the alert state of " + outlet + " " + factor, e);
    }
  }

  private EpisodeDetector detector() throws Exception {
    EpisodeDetector detector = settled.value();
    return detector == null ? new EpisodeDetector() : detector;
  }

  private void clear() {
    settled.clear();
    recent.clear();
    ledger.clear();
  }

  private Thresholds thresholds(String outletId, String factor) {
    Outlet outlet = outlets.get(outletId);
    Double limit = outlet == null ? null : outlet.limits().get(factor);
    if (limit == null) {
      return null;
    }
    return new Thresholds(factor, outlet.type().equals("air") ? "mg/m³" : "mg/L", limit,
        limit * (1 - rule.hysteresis()), rule.consecutiveValues(), rule.calmPeriods());
  }

  private static AlertUpdate alert(String outlet, String factor, Thresholds thresholds, Episode episode) {
    return new AlertUpdate(AlertUpdate.CONCENTRATION, "outlet", outlet, factor, AlertUpdate.CRITICAL,
        episode.openedAt(), episode.closedAt(), episode.peak(), thresholds.limit(), episode.evidence());
  }
}
