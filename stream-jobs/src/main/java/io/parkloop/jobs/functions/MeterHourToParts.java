package io.parkloop.jobs.functions;

import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.jobs.records.MeterHour;
import io.parkloop.reference.Indicator;
import io.parkloop.reference.Meter;
import io.parkloop.reference.PeriodType;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ScopeType;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * A meter's hour becomes its parts of its enterprise's hour: the consumption of its medium
 * (e.g. {@code electricity_kwh}) and, for energy, its standard coal ({@code energy_tce}).
 */
public class MeterHourToParts extends RichFlatMapFunction<MeterHour, IndicatorPart> {
  private final ReferenceData reference;
  private transient Map<String, Meter> meters;
  private transient Counter unattributed;

  public MeterHourToParts(ReferenceData reference) {
    this.reference = reference;
  }

  @Override
  public void open(OpenContext context) {
    meters = new HashMap<>();
    reference.meters().forEach(meter -> meters.put(meter.id(), meter));
    unattributed = getRuntimeContext().getMetricGroup().counter(MeterConsumption.UNATTRIBUTED);
  }

  @Override
  public void flatMap(MeterHour hour, Collector<IndicatorPart> out) {
    Meter meter = meters.get(hour.meter);
    if (meter == null) {
      unattributed.inc();
      return;
    }
    String enterprise = ScopeType.ENTERPRISE.code();
    String hourly = PeriodType.HOUR.code();
    out.collect(new IndicatorPart(enterprise, meter.enterprise(), hourly, hour.hourStart,
        meter.medium().indicator(), meter.medium().canonicalUnit(), meter.id(), IndicatorPart.toMicros(hour.quantity)));
    if (meter.medium().isEnergy()) {
      out.collect(new IndicatorPart(enterprise, meter.enterprise(), hourly, hour.hourStart, Indicator.ENERGY_TCE.code(),
          Indicator.ENERGY_TCE.unit(), meter.id(), IndicatorPart.toMicros(hour.quantity * meter.tcePerUnit(hour.hourStart))));
    }
  }
}
