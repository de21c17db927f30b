package io.parkloop.jobs.functions;

import io.parkloop.jobs.Periods;
import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.reference.Indicator;
import io.parkloop.reference.Outlet;
import io.parkloop.reference.PeriodType;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ScopeType;
import java.util.HashMap;
import java.util.Map;
import io.parkloop.jobs.records.LateReading;
import org.apache.flink.metrics.Counter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by outlet and hour: gathers the values of the outlet's hourly HJ 212 data (CN 2061) and
 * emits each pollutant's discharged load as the outlet's part of its enterprise's hour: the
 * analyser's {@code -Cou} when given, else the hour's average concentration × the discharged
 * volume (water: mg/L × m³ × 10⁻³, air: mg/m³ × m³ × 10⁻⁶ kg). Only data flagged N (or carrying
 * no flag, as old analysers send it) counts toward loads (SPEC). Data beyond the maximum age
 * (see {@link Lateness}) goes to {@link MeterConsumption#LATE}, like a late meter reading: kept and
 * counted, never silently dropped; data of an outlet the reference data does not know is counted
 * as unattributed.
 */
public class OutletLoads extends KeyedProcessFunction<String, MeterReading, IndicatorPart> {
  private final ReferenceData reference;
  private final long maxAgeMillis;
  private final long retentionMillis;
  private transient Map<String, Outlet> outlets;
  private transient MapState<String, Double> values;
  private transient Counter late;
  private transient Counter unattributed;

  public OutletLoads(ReferenceData reference, long maxAgeMillis, long retentionMillis) {
    this.reference = reference;
    this.maxAgeMillis = maxAgeMillis;
    this.retentionMillis = retentionMillis;
  }

  /** The key: outlet and the hour its data covers. */
  public static String key(MeterReading reading) {
    return reading.meter + '|' + Periods.hourStart(reading.ts);
  }

  /** Hourly data that counts: flagged N or not flagged at all. */
  public static boolean counts(MeterReading reading) {
    return "hour".equals(reading.period) && (reading.flag == null || "N".equals(reading.flag));
  }

  @Override
  public void open(OpenContext context) {
    outlets = new HashMap<>();
    reference.outlets().forEach(outlet -> outlets.put(outlet.id(), outlet));
    values = getRuntimeContext().getMapState(new MapStateDescriptor<>("values", String.class, Double.class));
    late = getRuntimeContext().getMetricGroup().counter("lateReadings");
    unattributed = getRuntimeContext().getMetricGroup().counter(MeterConsumption.UNATTRIBUTED);
  }

  @Override
  public void processElement(MeterReading reading, Context ctx, Collector<IndicatorPart> out) throws Exception {
    Outlet outlet = outlets.get(reading.meter);
    if (outlet == null) {
      unattributed.inc();
      return;
    }
    long watermark = ctx.timerService().currentWatermark();
    if (Lateness.isLate(reading.ts, watermark, Long.MIN_VALUE, maxAgeMillis)) {
      late.inc();
      ctx.output(MeterConsumption.LATE, new LateReading(reading, watermark));
      return;
    }
    long hour = Periods.hourStart(reading.ts);
    if (values.isEmpty()) {
      ctx.timerService().registerEventTimeTimer(hour + Periods.HOUR + retentionMillis);
    }
    values.put(reading.factor + '|' + reading.kind, reading.value);
    boolean water = outlet.type().equals("water");
    Double volume = values.get((water ? "w00000" : "a00000") + "|Cou");
    for (Map.Entry<String, Indicator> load : Indicator.loadsByFactor().entrySet()) {
      Double kg = load(values.get(load.getKey() + "|Cou"), values.get(load.getKey() + "|Avg"), volume, water);
      if (kg != null) {
        out.collect(new IndicatorPart(ScopeType.ENTERPRISE.code(), outlet.enterprise(), PeriodType.HOUR.code(), hour,
            load.getValue().code(), load.getValue().unit(), outlet.id(), IndicatorPart.toMicros(kg)));
      }
    }
  }

  /** The load in kg, or null while the hour's data does not yet tell it. */
  static Double load(Double cou, Double avg, Double volume, boolean water) {
    if (cou != null) {
      return cou;
    }
    if (avg == null || volume == null) {
      return null;
    }
    return avg * volume * (water ? 1e-3 : 1e-6);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndicatorPart> out) {
    values.clear();
  }
}
