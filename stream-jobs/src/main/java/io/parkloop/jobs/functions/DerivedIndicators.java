package io.parkloop.jobs.functions;

import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.reference.Indicator;
import io.parkloop.reference.Park;
import io.parkloop.reference.PeriodType;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ScopeType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by scope and period: keeps the latest summed quantities and emits the ratios of the
 * SPEC from them, so an aggregate's ratio is always quantities added first and then divided,
 * never an average of ratios. A ratio appears once both of its quantities are known.
 */
public class DerivedIndicators extends KeyedProcessFunction<String, IndicatorRow, IndicatorRow> {
  private static final Set<String> INPUTS = Stream.concat(Stream.of(Indicator.ENERGY_TCE, Indicator.ENERGY_TCE_SUPPLIED,
      Indicator.FRESH_WATER_M3, Indicator.RECYCLED_WATER_M3, Indicator.VALUE_ADDED_10K_CNY, Indicator.MATERIAL_T,
      Indicator.SOLID_WASTE_GENERATED_T, Indicator.SOLID_WASTE_UTILIZED_T), Indicator.loadsByFactor().values().stream())
      .map(Indicator::code).collect(Collectors.toUnmodifiableSet());

  private final ReferenceData reference;
  private final PeriodRetention retention;
  /** The parks whose land areas add up to each scope's, by {@code scopeType|scopeId}. */
  private transient Map<String, List<Park>> parksOfScope;
  private transient MapState<String, Double> quantities;

  public DerivedIndicators(ReferenceData reference, PeriodRetention retention) {
    this.reference = reference;
    this.retention = retention;
  }

  public static boolean isInput(IndicatorRow row) {
    return INPUTS.contains(row.indicator);
  }

  public static String key(IndicatorRow row) {
    return row.scopeType + '|' + row.scopeId + '|' + row.periodType + '|' + row.periodStart;
  }

  @Override
  public void open(OpenContext context) {
    parksOfScope = new HashMap<>();
    for (Park park : reference.parks()) {
      for (ScopeType type : ScopeType.widerThanEnterprise()) {
        parksOfScope.computeIfAbsent(type.code() + '|' + type.idOf(park), s -> new ArrayList<>()).add(park);
      }
    }
    quantities = getRuntimeContext().getMapState(new MapStateDescriptor<>("quantities", String.class, Double.class));
  }

  @Override
  public void processElement(IndicatorRow row, Context ctx, Collector<IndicatorRow> out) throws Exception {
    if (quantities.isEmpty()) {
      ctx.timerService().registerEventTimeTimer(periodEnd(row) + retention.after(row.periodType));
    }
    quantities.put(row.indicator, row.value);
    for (IndicatorRow derived : derive(row, quantities::get)) {
      out.collect(derived);
    }
  }

  /** A lookup of the scope-period's quantities by indicator; null when unknown. */
  interface Quantities {
    Double get(String indicator) throws Exception;
  }

  List<IndicatorRow> derive(IndicatorRow row, Quantities q) throws Exception {
    List<IndicatorRow> rows = new ArrayList<>();
    Double fresh = q.get(Indicator.FRESH_WATER_M3.code());
    Double recycled = q.get(Indicator.RECYCLED_WATER_M3.code());
    double water = (fresh == null ? 0 : fresh) + (recycled == null ? 0 : recycled);
    if (water > 0) {
      rows.add(derived(row, Indicator.WATER_REUSE_RATE, (recycled == null ? 0 : recycled) / water * 100));
    }
    Double generated = q.get(Indicator.SOLID_WASTE_GENERATED_T.code());
    if (generated != null && generated > 0) {
      Double utilized = q.get(Indicator.SOLID_WASTE_UTILIZED_T.code());
      rows.add(derived(row, Indicator.SOLID_WASTE_UTILIZATION_RATE, (utilized == null ? 0 : utilized) / generated * 100));
    }
    Double tce = q.get(Indicator.ENERGY_TCE.code());
    Double supplied = q.get(Indicator.ENERGY_TCE_SUPPLIED.code());
    if (tce != null && supplied != null) {
      rows.add(derived(row, Indicator.ENERGY_TCE_NET, tce - supplied));
    }
    Double valueAdded = q.get(Indicator.VALUE_ADDED_10K_CNY.code());
    if (valueAdded == null || valueAdded <= 0) {
      return rows;
    }
    if (tce != null && tce > 0) {
      rows.add(derived(row, Indicator.ENERGY_OUTPUT_RATE, valueAdded / tce));
      rows.add(derived(row, Indicator.ENERGY_INTENSITY, tce / valueAdded));
    }
    if (fresh != null && fresh > 0) {
      rows.add(derived(row, Indicator.WATER_OUTPUT_RATE, valueAdded * 1e4 / fresh));
    }
    Double material = q.get(Indicator.MATERIAL_T.code());
    double resources = (tce == null ? 0 : tce) + (material == null ? 0 : material);
    if (resources > 0) {
      rows.add(derived(row, Indicator.RESOURCE_OUTPUT_RATE, valueAdded * 1e4 / resources));
    }
    List<Park> parks = parksOfScope.get(row.scopeType + '|' + row.scopeId);
    PeriodType period = PeriodType.of(row.periodType);
    if (parks != null && (period == PeriodType.YEAR || period == PeriodType.R12M)) {
      rows.add(derived(row, Indicator.LAND_OUTPUT_RATE, valueAdded / 1e4 / landAreaAtEnd(parks, row)));
    }
    for (Indicator load : Indicator.loadsByFactor().values()) {
      Double kg = q.get(load.code());
      if (kg != null) {
        rows.add(derived(row, load.intensity(), kg / valueAdded));
      }
    }
    return rows;
  }

  private static IndicatorRow derived(IndicatorRow basis, Indicator indicator, double value) {
    return new IndicatorRow(basis.scopeType, basis.scopeId, basis.periodType, basis.periodStart, indicator.code(),
        indicator.unit(), value);
  }

  /**
   * The scope's land area on the last day of the row's period, as statistics report an area: a
   * change dated inside a year counts for that whole year.
   */
  private static double landAreaAtEnd(List<Park> parks, IndicatorRow row) {
    long lastInstant = periodEnd(row) - 1;
    double area = 0;
    for (Park park : parks) {
      area += park.landAreaKm2At(lastInstant);
    }
    return area;
  }

  /** The end of the row's period; a rolling row's period_start already is its window's end. */
  private static long periodEnd(IndicatorRow row) {
    return PeriodType.of(row.periodType).span(row.periodStart)[1];
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndicatorRow> out) {
    quantities.clear();
  }
}
