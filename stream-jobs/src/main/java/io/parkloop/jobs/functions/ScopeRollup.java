package io.parkloop.jobs.functions;

import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.reference.Park;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ScopeType;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * An enterprise's row becomes its part of every wider scope it belongs to: its park, city,
 * region (苏南/苏中/苏北), park level (national/provincial) and the province. Each wider row is
 * a sum over enterprises, so ratios built on them add quantities first (SPEC).
 */
public class ScopeRollup implements FlatMapFunction<IndicatorRow, IndicatorPart> {
  private final ReferenceData reference;

  public ScopeRollup(ReferenceData reference) {
    this.reference = reference;
  }

  @Override
  public void flatMap(IndicatorRow row, Collector<IndicatorPart> out) {
    if (!ScopeType.ENTERPRISE.code().equals(row.scopeType) || reference.enterprise(row.scopeId).isEmpty()) {
      return;
    }
    long micros = IndicatorPart.toMicros(row.value);
    for (String[] scope : widerScopes(reference.parkOf(row.scopeId))) {
      out.collect(new IndicatorPart(scope[0], scope[1], row.periodType, row.periodStart, row.indicator, row.unit,
          row.scopeId, micros));
    }
  }

  /** An enterprise and every wider scope it belongs to, as {scope_type, scope_id} pairs. */
  public static java.util.List<String[]> scopesOf(ReferenceData reference, String enterprise) {
    java.util.List<String[]> scopes = new java.util.ArrayList<>();
    scopes.add(new String[] {ScopeType.ENTERPRISE.code(), enterprise});
    scopes.addAll(java.util.Arrays.asList(widerScopes(reference.parkOf(enterprise))));
    return scopes;
  }

  /** The scopes wider than an enterprise of {@code park}, as {scope_type, scope_id} pairs. */
  public static String[][] widerScopes(Park park) {
    return ScopeType.widerThanEnterprise().stream()
        .map(type -> new String[] {type.code(), type.idOf(park)}).toArray(String[][]::new);
  }
}
