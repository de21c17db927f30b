package io.parkloop.jobs.alerts;

import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.reference.Indicator;
import io.parkloop.reference.PeriodType;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ScopeType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by enterprise, load indicator and year: the permit rule over the enterprise-hour loads
 * that {@link io.parkloop.jobs.functions.OutletLoads} computes (each outlet's part of each hour,
 * the same parts the indicator job sums into {@code cod_kg} etc.). One alert per enterprise,
 * factor and year; its severity rises from warning to critical, never falls, and it closes when
 * the year ends. Every changed hour re-walks the year ({@link PermitProgress}), so late and
 * corrected hours give the same alert as data in order.
 */
public class PermitAlerts extends KeyedProcessFunction<String, IndicatorPart, AlertUpdate> {
  private static final Map<String, String> FACTOR_BY_LOAD = new HashMap<>();

  static {
    Indicator.loadsByFactor().forEach((factor, load) -> FACTOR_BY_LOAD.put(load.code(), factor));
  }

  private final ReferenceData reference;
  private final AlertRules.Permit rule;
  private final long retentionMillis;
  private transient Map<String, Double> permitKg;
  private transient MapState<String, Long> parts;
  private transient AlertLedger ledger;
  private transient Counter tooLate;

  /** @param retentionMillis how long after its end an hour's load can still change (the load job's retention) */
  public PermitAlerts(ReferenceData reference, AlertRules.Permit rule, long retentionMillis) {
    this.reference = reference;
    this.rule = rule;
    this.retentionMillis = retentionMillis;
  }

  /** Enterprise, load indicator and the start of the year the hour belongs to. */
  public static String key(IndicatorPart part) {
    return part.scopeId + '|' + part.indicator + '|' + PeriodType.YEAR.start(part.periodStart);
  }

  @Override
  public void open(OpenContext context) {
    permitKg = new HashMap<>();
    reference.permits().forEach(permit -> {
      Indicator load = Indicator.loadsByFactor().get(permit.factor());
      if (load != null) {
        permitKg.put(permit.enterprise() + '|' + load.code(), permit.tonnesPerYear() * 1000);
      }
    });
    parts = getRuntimeContext().getMapState(new MapStateDescriptor<>("hourly-loads", String.class, Long.class));
    ledger = new AlertLedger(getRuntimeContext());
    tooLate = getRuntimeContext().getMetricGroup().counter("permitLoadsTooLate");
  }

  @Override
  public void processElement(IndicatorPart part, Context ctx, Collector<AlertUpdate> out) throws Exception {
    Double permit = permitKg.get(part.scopeId + '|' + part.indicator);
    if (permit == null) {
      return;
    }
    long yearStart = PeriodType.YEAR.start(part.periodStart);
    long yearEnd = PeriodType.YEAR.end(yearStart);
    long watermark = ctx.timerService().currentWatermark();
    if (yearEnd + retentionMillis <= watermark) {
      tooLate.inc(); // the year's state is gone: a partial year would raise a wrong alert
      return;
    }
    String partId = part.periodStart + "|" + part.partId;
    Long previous = parts.get(partId);
    if (previous != null && previous == part.micros) {
      return;
    }
    if (parts.isEmpty()) {
      ctx.timerService().registerEventTimeTimer(yearEnd);
      ctx.timerService().registerEventTimeTimer(yearEnd + retentionMillis);
    }
    parts.put(partId, part.micros);
    publish(part.scopeId, part.indicator, permit, yearStart, yearEnd <= watermark && watermark != Long.MAX_VALUE, out);
  }

  /** At the year's end the alert closes; after the retention the year's state goes. */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertUpdate> out) throws Exception {
    String[] key = ctx.getCurrentKey().split("\\|");
    long yearStart = Long.parseLong(key[2]);
    if (timestamp > PeriodType.YEAR.end(yearStart)) {
      parts.clear();
      ledger.clear();
    } else if (ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
      // the end of a bounded input is not the end of the year
      Double permit = permitKg.get(key[0] + '|' + key[1]);
      if (permit != null) {
        publish(key[0], key[1], permit, yearStart, true, out);
      }
    }
  }

  private void publish(String enterprise, String load, double permit, long yearStart, boolean yearOver,
      Collector<AlertUpdate> out) throws Exception {
    SortedMap<Long, Long> microKgByHour = new TreeMap<>();
    for (Map.Entry<String, Long> part : parts.entries()) {
      long hour = Long.parseLong(part.getKey().substring(0, part.getKey().indexOf('|')));
      microKgByHour.merge(hour, part.getValue(), Long::sum);
    }
    PermitProgress.Standing standing = PermitProgress.evaluate(microKgByHour, permit, yearStart, rule);
    List<AlertUpdate> alerts = standing == null ? List.of()
        : List.of(new AlertUpdate(AlertUpdate.PERMIT, ScopeType.ENTERPRISE.code(),
            enterprise, FACTOR_BY_LOAD.get(load), standing.severity(), standing.openedAt(),
            yearOver ? PeriodType.YEAR.end(yearStart) : null, standing.yearToDateKg(), permit, standing.evidence()));
    ledger.publishAll(alerts, out);
  }
}
