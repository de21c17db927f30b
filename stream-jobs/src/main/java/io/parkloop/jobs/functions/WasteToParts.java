package io.parkloop.jobs.functions;

import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.jobs.records.WasteRow;
import io.parkloop.reference.Indicator;
import io.parkloop.reference.PeriodType;
import io.parkloop.reference.ReferenceData;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * A waste record becomes parts of its enterprise's month and of every wider scope's month
 * (docs/indicators.md "Solid waste and by-products"): general industrial solid waste as
 * {@code solid_waste_*_t}, hazardous waste as {@code hazardous_waste_*_t}. A transfer to another
 * enterprise is utilisation for the generator's scopes (综合利用, by exchange) and, in a scope
 * holding the receiver too, {@code waste_exchanged_t}; a transfer to an outside handler is
 * {@code *_to_handlers_t}. Each part is named by its record, so the same ticket twice counts once.
 */
public class WasteToParts implements FlatMapFunction<WasteRow, IndicatorPart> {
  private final ReferenceData reference;

  public WasteToParts(ReferenceData reference) {
    this.reference = reference;
  }

  @Override
  public void flatMap(WasteRow row, Collector<IndicatorPart> out) {
    parts(row).forEach(out::collect);
  }

  List<IndicatorPart> parts(WasteRow row) {
    if (reference.enterprise(row.enterprise).isEmpty()) {
      return List.of(); // ingest checked it; a reference reload since may have removed the enterprise
    }
    Indicator indicator = indicatorOf(row);
    if (indicator == null) {
      return List.of(); // ingest admits only the contract's flows
    }
    List<String[]> generatorScopes = ScopeRollup.scopesOf(reference, row.enterprise);
    List<String> receiverScopes = row.toEnterprise == null || reference.enterprise(row.toEnterprise).isEmpty()
        ? List.of() : ScopeRollup.scopesOf(reference, row.toEnterprise).stream().map(scope -> scope[0] + '|' + scope[1]).toList();
    String partId = "waste:" + row.enterprise + '|' + row.id;
    long micros = IndicatorPart.toMicros(row.tonnes);
    List<IndicatorPart> parts = new ArrayList<>();
    for (String[] scope : generatorScopes) {
      parts.add(new IndicatorPart(scope[0], scope[1], PeriodType.MONTH.code(), row.monthStart, indicator.code(),
          indicator.unit(), partId, micros));
      if (receiverScopes.contains(scope[0] + '|' + scope[1])) {
        parts.add(new IndicatorPart(scope[0], scope[1], PeriodType.MONTH.code(), row.monthStart,
            Indicator.WASTE_EXCHANGED_T.code(), Indicator.WASTE_EXCHANGED_T.unit(),
            partId, micros));
      }
    }
    return parts;
  }

  /** The quantity a record adds to, by category and flow; null for a flow outside the contract. */
  static Indicator indicatorOf(WasteRow row) {
    boolean hazardous = row.isHazardous();
    return switch (row.flow) {
      case "generated" -> hazardous ? Indicator.HAZARDOUS_WASTE_GENERATED_T : Indicator.SOLID_WASTE_GENERATED_T;
      case "utilized" -> hazardous ? Indicator.HAZARDOUS_WASTE_UTILIZED_T : Indicator.SOLID_WASTE_UTILIZED_T;
      case "transferred" -> row.toEnterprise != null
          ? (hazardous ? Indicator.HAZARDOUS_WASTE_UTILIZED_T : Indicator.SOLID_WASTE_UTILIZED_T)
          : (hazardous ? Indicator.HAZARDOUS_WASTE_TO_HANDLERS_T : Indicator.SOLID_WASTE_TO_HANDLERS_T);
      case "disposed" -> hazardous ? Indicator.HAZARDOUS_WASTE_DISPOSED_T : Indicator.SOLID_WASTE_DISPOSED_T;
      case "stored" -> hazardous ? Indicator.HAZARDOUS_WASTE_STORED_T : Indicator.SOLID_WASTE_STORED_T;
      default -> null;
    };
  }
}
