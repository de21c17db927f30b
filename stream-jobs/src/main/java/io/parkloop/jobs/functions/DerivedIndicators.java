package io.parkloop.jobs.functions;

import io.parkloop.jobs.Indicators;
import io.parkloop.jobs.Periods;
import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.reference.Park;
import io.parkloop.reference.Province;
import io.parkloop.reference.ReferenceData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private static final Set<String> INPUTS = Set.of(Indicators.ENERGY_TCE, Indicators.ENERGY_TCE_SUPPLIED, Indicators.FRESH_WATER,
      Indicators.RECYCLED_WATER, Indicators.VALUE_ADDED, Indicators.MATERIAL, Indicators.SOLID_WASTE_GENERATED,
      Indicators.SOLID_WASTE_UTILIZED, "cod_kg", "nh3n_kg", "so2_kg",
      "nox_kg", "pm_kg");

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
      for (String scope : List.of("park|" + park.id(), "city|" + park.city(), "region|" + park.region().id(),
          "level|" + park.level(), "province|" + Province.NAME)) {
        parksOfScope.computeIfAbsent(scope, s -> new ArrayList<>()).add(park);
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
    Double fresh = q.get(Indicators.FRESH_WATER);
    Double recycled = q.get(Indicators.RECYCLED_WATER);
    double water = (fresh == null ? 0 : fresh) + (recycled == null ? 0 : recycled);
    if (water > 0) {
      rows.add(derived(row, "water_reuse_rate", "%", (recycled == null ? 0 : recycled) / water * 100));
    }
    Double generated = q.get(Indicators.SOLID_WASTE_GENERATED);
    if (generated != null && generated > 0) {
      Double utilized = q.get(Indicators.SOLID_WASTE_UTILIZED);
      rows.add(derived(row, Indicators.SOLID_WASTE_UTILIZATION_RATE, "%", (utilized == null ? 0 : utilized) / generated * 100));
    }
    Double tce = q.get(Indicators.ENERGY_TCE);
    Double supplied = q.get(Indicators.ENERGY_TCE_SUPPLIED);
    if (tce != null && supplied != null) {
      rows.add(derived(row, Indicators.ENERGY_TCE_NET, "tce", tce - supplied));
    }
    Double valueAdded = q.get(Indicators.VALUE_ADDED);
    if (valueAdded == null || valueAdded <= 0) {
      return rows;
    }
    if (tce != null && tce > 0) {
      rows.add(derived(row, "energy_output_rate", "10k CNY/tce", valueAdded / tce));
      rows.add(derived(row, "energy_intensity", "tce/10k CNY", tce / valueAdded));
    }
    if (fresh != null && fresh > 0) {
      rows.add(derived(row, "water_output_rate", "CNY/m3", valueAdded * 1e4 / fresh));
    }
    Double material = q.get(Indicators.MATERIAL);
    double resources = (tce == null ? 0 : tce) + (material == null ? 0 : material);
    if (resources > 0) {
      rows.add(derived(row, "resource_output_rate", "CNY/t", valueAdded * 1e4 / resources));
    }
    List<Park> parks = parksOfScope.get(row.scopeType + '|' + row.scopeId);
    if (parks != null && (row.periodType.equals("year") || row.periodType.equals("r12m"))) {
      rows.add(derived(row, "land_output_rate", "100M CNY/km2", valueAdded / 1e4 / landAreaAtEnd(parks, row)));
    }
    for (String load : Indicators.LOAD_BY_FACTOR.values()) {
      Double kg = q.get(load);
      if (kg != null) {
        rows.add(derived(row, Indicators.intensityOf(load), "kg/10k CNY", kg / valueAdded));
      }
    }
    return rows;
  }

  private static IndicatorRow derived(IndicatorRow basis, String indicator, String unit, double value) {
    return new IndicatorRow(basis.scopeType, basis.scopeId, basis.periodType, basis.periodStart, indicator, unit, value);
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
    return row.periodType.startsWith("r") ? row.periodStart : Periods.end(row.periodType, row.periodStart);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndicatorRow> out) {
    quantities.clear();
  }
}
