package io.parkloop.jobs.functions;

import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.jobs.records.MeterHour;
import io.parkloop.jobs.records.WasteRow;
import io.parkloop.reference.Indicator;
import io.parkloop.reference.Meter;
import io.parkloop.reference.PeriodType;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.Units;
import io.parkloop.storage.flows.FlowRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The park's material flows (docs/indicators.md "Material flows"): every meter's hour and every
 * waste transfer or disposal becomes a part of a link's row in each park it touches — from its
 * source (the supplier, or {@code outside} for a purchase) to its target — internal when both
 * ends are in the park, else in or out. A link's row travels the job's sums as an indicator row of
 * scope type {@value #SCOPE_TYPE} whose scope id holds park, source, target and direction; only
 * the flows sink turns it into a {@link FlowRecord}.
 */
public final class FlowParts {
  public static final String SCOPE_TYPE = "flow";
  public static final String SOLID_WASTE = "solid_waste_t";
  public static final String HAZARDOUS_WASTE = "hazardous_waste_t";
  /** The ASCII unit separator: no id, name or licence number holds it. */
  private static final String SEPARATOR = "\u001f";

  private FlowParts() {}

  /** A link's row as the {@code material_flow} table keeps it. */
  public static FlowRecord toRecord(IndicatorRow row) {
    String[] link = row.scopeId.split(SEPARATOR, -1);
    return new FlowRecord(link[0], row.periodType, Instant.ofEpochMilli(row.periodStart), link[1], link[2], link[3],
        row.indicator, row.value, row.unit);
  }

  public static boolean isFlow(IndicatorRow row) {
    return SCOPE_TYPE.equals(row.scopeType);
  }

  /** The parks a link from {@code sourcePark} to {@code targetPark} belongs to, with its direction in each. */
  static Map<String, String> directions(String sourcePark, String targetPark) {
    Map<String, String> parks = new LinkedHashMap<>();
    if (Objects.equals(sourcePark, targetPark)) {
      parks.put(targetPark, "internal");
      return parks;
    }
    if (targetPark != null) {
      parks.put(targetPark, "in");
    }
    if (sourcePark != null) {
      parks.put(sourcePark, "out");
    }
    return parks;
  }

  private static String link(String park, String source, String target, String direction) {
    return String.join(SEPARATOR, park, source, target, direction);
  }

  /** A meter's hour as parts of its link's day: the medium's quantity and, for energy, its standard coal. */
  public static class OfMeters implements FlatMapFunction<MeterHour, IndicatorPart> {
    private final ReferenceData reference;

    public OfMeters(ReferenceData reference) {
      this.reference = reference;
    }

    @Override
    public void flatMap(MeterHour hour, Collector<IndicatorPart> out) {
      reference.meter(hour.meter).ifPresent(meter -> parts(meter, hour).forEach(out::collect));
    }

    List<IndicatorPart> parts(Meter meter, MeterHour hour) {
      String source = meter.isTransfer() ? meter.supplier() : FlowRecord.OUTSIDE;
      String sourcePark = meter.isTransfer() ? parkOf(reference, meter.supplier()) : null;
      String targetPark = reference.parkOf(meter.enterprise()).id();
      long day = PeriodType.DAY.start(hour.hourStart);
      String partId = meter.id() + '|' + hour.hourStart;
      List<IndicatorPart> parts = new ArrayList<>();
      directions(sourcePark, targetPark).forEach((park, direction) -> {
        String link = link(park, source, meter.enterprise(), direction);
        parts.add(new IndicatorPart(SCOPE_TYPE, link, PeriodType.DAY.code(), day, meter.medium().indicator(),
            meter.medium().canonicalUnit(), partId, IndicatorPart.toMicros(hour.quantity)));
        if (meter.medium().isEnergy()) {
          parts.add(new IndicatorPart(SCOPE_TYPE, link, PeriodType.DAY.code(), day, Indicator.ENERGY_TCE.code(),
              Indicator.ENERGY_TCE.unit(), partId, IndicatorPart.toMicros(hour.quantity * meter.tcePerUnit(hour.hourStart))));
        }
      });
      return parts;
    }
  }

  /** A waste record that moves waste (a transfer or a disposal) as a part of its link's month. */
  public static class OfWaste implements FlatMapFunction<WasteRow, IndicatorPart> {
    private final ReferenceData reference;

    public OfWaste(ReferenceData reference) {
      this.reference = reference;
    }

    @Override
    public void flatMap(WasteRow row, Collector<IndicatorPart> out) {
      parts(row).forEach(out::collect);
    }

    List<IndicatorPart> parts(WasteRow row) {
      boolean moves = row.flow.equals("transferred") || row.flow.equals("disposed");
      if (!moves || reference.enterprise(row.enterprise).isEmpty()) {
        return List.of();
      }
      boolean toEnterprise = row.toEnterprise != null && reference.enterprise(row.toEnterprise).isPresent();
      String target = toEnterprise ? row.toEnterprise : row.handler != null ? row.handler : FlowRecord.OUTSIDE;
      String targetPark = toEnterprise ? reference.parkOf(row.toEnterprise).id() : null;
      String flow = row.isHazardous() ? HAZARDOUS_WASTE : SOLID_WASTE;
      List<IndicatorPart> parts = new ArrayList<>();
      directions(reference.parkOf(row.enterprise).id(), targetPark).forEach((park, direction) ->
          parts.add(new IndicatorPart(SCOPE_TYPE, link(park, row.enterprise, target, direction),
              PeriodType.MONTH.code(), row.monthStart, flow, Units.T, "waste:" + row.enterprise + '|' + row.id,
              IndicatorPart.toMicros(row.tonnes))));
      return parts;
    }
  }

  /** The park of an enterprise or a park utility. */
  private static String parkOf(ReferenceData reference, String supplier) {
    return reference.enterprise(supplier).map(e -> e.park())
        .orElseGet(() -> reference.utility(supplier).map(u -> u.park()).orElse(null));
  }
}
