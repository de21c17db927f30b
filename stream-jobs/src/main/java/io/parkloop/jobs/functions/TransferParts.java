package io.parkloop.jobs.functions;

import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.jobs.records.MeterHour;
import io.parkloop.reference.Indicator;
import io.parkloop.reference.Meter;
import io.parkloop.reference.PeriodType;
import io.parkloop.reference.ReferenceData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The counting rule for transfer meters (SPEC "Links between enterprises", docs/indicators.md).
 * The consumer's rows count a transfer as use like any meter ({@link MeterHourToParts}); this
 * function adds, for each scope of the supplier (its enterprise, park, city, region, level and
 * province):
 *
 * <ul>
 *   <li>a scope that does not hold the consumer: the quantity as {@code <medium>_supplied} (and
 *       {@code energy_tce_supplied}) — it left the scope;
 *   <li>a scope that holds the consumer too: the quantity as {@code <medium>_exchanged} (and
 *       {@code energy_tce_exchanged}), and for energy a part that takes it back out of the
 *       scope's {@code <medium>} and {@code energy_tce}: it was made from the supplier's own
 *       fuel, which the scope already counts, so it is counted once.
 * </ul>
 *
 * <p>Reclaimed water stays {@code recycled_water_m3} in every scope of its consumer: it is reuse
 * wherever it is counted and fresh water nowhere. A park utility is no enterprise of any scope, so
 * its supplies are purchases of their consumers' scopes and add nothing here.
 *
 * <p>The parts go to the wider-scope sum (never through {@link ScopeRollup}), named by their
 * meter, so a re-sent hour replaces its parts and the cancellation follows the consumer's use.
 */
public class TransferParts extends RichFlatMapFunction<MeterHour, IndicatorPart> {
  private static final String PART_PREFIX = "transfer:";

  private final ReferenceData reference;
  private transient Map<String, Meter> transfers;

  public TransferParts(ReferenceData reference) {
    this.reference = reference;
  }

  @Override
  public void open(OpenContext context) {
    transfers = new HashMap<>();
    reference.meters().stream().filter(Meter::isTransfer).forEach(meter -> transfers.put(meter.id(), meter));
  }

  @Override
  public void flatMap(MeterHour hour, Collector<IndicatorPart> out) {
    Meter meter = transfers.get(hour.meter);
    if (meter == null) {
      return;
    }
    parts(meter, hour).forEach(out::collect);
  }

  /** The supplier-side parts of one transfer meter's hour; none for a utility's supply (no scope holds a utility). */
  List<IndicatorPart> parts(Meter meter, MeterHour hour) {
    if (reference.enterprise(meter.supplier()).isEmpty()) {
      return List.of();
    }
    String quantity = meter.medium().indicator();
    String unit = meter.medium().canonicalUnit();
    boolean energy = meter.medium().isEnergy();
    double tce = hour.quantity * meter.tcePerUnit(hour.hourStart);
    Set<String> consumerScopes = scopeKeys(meter.enterprise());
    List<IndicatorPart> parts = new ArrayList<>();
    String partId = PART_PREFIX + meter.id();
    for (String[] scope : ScopeRollup.scopesOf(reference, meter.supplier())) {
      Sink sink = (indicator, partUnit, value) -> parts.add(new IndicatorPart(scope[0], scope[1], PeriodType.HOUR.code(),
          hour.hourStart, indicator, partUnit, partId, IndicatorPart.toMicros(value)));
      if (consumerScopes.contains(scope[0] + '|' + scope[1])) {
        sink.add(Indicator.exchangedOf(quantity), unit, hour.quantity);
        if (energy) {
          sink.add(Indicator.ENERGY_TCE_EXCHANGED.code(), Indicator.ENERGY_TCE_EXCHANGED.unit(), tce);
          sink.add(quantity, unit, -hour.quantity);
          sink.add(Indicator.ENERGY_TCE.code(), Indicator.ENERGY_TCE.unit(), -tce);
        }
      } else {
        sink.add(Indicator.suppliedOf(quantity), unit, hour.quantity);
        if (energy) {
          sink.add(Indicator.ENERGY_TCE_SUPPLIED.code(), Indicator.ENERGY_TCE_SUPPLIED.unit(), tce);
        }
      }
    }
    return parts;
  }

  private interface Sink {
    void add(String indicator, String unit, double value);
  }

  private Set<String> scopeKeys(String enterprise) {
    return ScopeRollup.scopesOf(reference, enterprise).stream().map(scope -> scope[0] + '|' + scope[1]).collect(Collectors.toSet());
  }
}
