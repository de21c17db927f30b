package io.parkloop.jobs;

import io.parkloop.jobs.records.MeterReading;
import io.parkloop.jobs.records.WasteRow;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chemical park's heat-and-power plant CHP burns coal and sells steam to A, B and C of its
 * park SIP and to X of the park YC, and reclaimed water to A; everyone buys electricity, B gas.
 * One day (2026-03-01, Shanghai) of hourly readings, with the ground truth of each meter's hours.
 * Quantities are whole multiples of what makes every hour's standard coal a whole number of
 * millionths (10 kWh, 10 m³ of gas, 1 t), so an expectation to 1e-9 is not blurred by rounding.
 */
final class ChpPark {
  static final ReferenceData REFERENCE = ReferenceLoader.parse("chp-park.yaml", """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
        - {id: YC, name: 盐城环保科技城, city: 盐城, level: provincial, land_area_km2: 50.0}
      enterprises:
        - {id: CHP, park: SIP, name: 热电厂, industry: D44}
        - {id: A, park: SIP, industry: C26}
        - {id: B, park: SIP, industry: C26}
        - {id: C, park: SIP, industry: C28}
        - {id: X, park: YC, industry: C26}
      meters:
        - {id: CHP-COAL, enterprise: CHP, medium: raw_coal, reading: interval, unit: t, interval: 1h}
        - {id: CHP-ELEC, enterprise: CHP, medium: electricity, reading: cumulative, unit: kWh}
        - {id: A-STM, enterprise: A, medium: steam, reading: interval, unit: t, interval: 1h, supplier: CHP}
        - {id: B-STM, enterprise: B, medium: steam, reading: interval, unit: t, interval: 1h, supplier: CHP}
        - {id: C-STM, enterprise: C, medium: steam, reading: cumulative, unit: t, supplier: CHP}
        - {id: X-STM, enterprise: X, medium: steam, reading: interval, unit: t, interval: 1h, supplier: CHP}
        - {id: A-RW, enterprise: A, medium: recycled_water, reading: cumulative, unit: m3, supplier: CHP}
        - {id: A-FW, enterprise: A, medium: fresh_water, reading: cumulative, unit: m3}
        - {id: A-ELEC, enterprise: A, medium: electricity, reading: cumulative, unit: kWh}
        - {id: B-ELEC, enterprise: B, medium: electricity, reading: cumulative, unit: kWh}
        - {id: B-GAS, enterprise: B, medium: natural_gas, reading: cumulative, unit: m3}
        - {id: C-ELEC, enterprise: C, medium: electricity, reading: cumulative, unit: kWh}
        - {id: X-ELEC, enterprise: X, medium: electricity, reading: cumulative, unit: kWh}
      """);
  /** 2026-03-01 00:00 in Shanghai. */
  static final long DAY = Instant.parse("2026-02-28T16:00:00Z").toEpochMilli();
  static final long HOUR = 3_600_000L;

  /** What each meter really measured in each of the day's 24 hours, in its canonical unit. */
  final Map<String, double[]> truth = new LinkedHashMap<>();
  final List<MeterReading> readings = new ArrayList<>();

  ChpPark() {
    for (var meter : REFERENCE.meters()) {
      double[] hours = new double[24];
      int seed = meter.id().hashCode() & 0xff;
      for (int h = 0; h < 24; h++) {
        // a whole number of units per hour that changes over the day
        hours[h] = step(meter.medium().id()) * (1 + (seed + 7 * h) % 13);
      }
      truth.put(meter.id(), hours);
      double counter = 1_000 + seed;
      if (meter.cumulative()) {
        readings.add(reading(meter.id(), 0, counter));
      }
      for (int h = 0; h < 24; h++) {
        counter += hours[h];
        readings.add(reading(meter.id(), h + 1, meter.cumulative() ? counter : hours[h]));
      }
    }
    readings.sort((a, b) -> Long.compare(a.ts, b.ts));
  }

  private static double step(String medium) {
    return switch (medium) {
      case "raw_coal" -> 20;       // t
      case "steam" -> 3;           // t
      case "electricity" -> 150;   // kWh, a multiple of 10
      case "natural_gas" -> 40;    // m³, a multiple of 10
      default -> 12;               // m³ of water
    };
  }

  /** A reading at the end of the day's hour {@code hour}, as the job sees it: in the canonical unit. */
  private static MeterReading reading(String meter, int hour, double canonical) {
    long ts = DAY + hour * HOUR;
    return new MeterReading(meter, ts, canonical, ts);
  }

  /**
   * March's waste: the plant's ash, most of it used by C (in the park) and X (outside), A's
   * hazardous spent oil (HW08) to a licensed handler, B's slag used in-house; one ticket twice.
   */
  static List<WasteRow> waste() {
    WasteRow ashToC = new WasteRow("CHP", "ASH-X1", DAY, "general", null, "transferred", "C", null, 300);
    return List.of(
        new WasteRow("CHP", "ASH-03", DAY, "general", null, "generated", null, null, 500),
        ashToC,
        new WasteRow("CHP", "ASH-X2", DAY, "general", null, "transferred", "X", null, 100),
        new WasteRow("CHP", "ASH-D", DAY, "general", null, "disposed", null, null, 50),
        new WasteRow("CHP", "ASH-S", DAY, "general", null, "stored", null, null, 50),
        new WasteRow("A", "HW-03", DAY, "hazardous", "HW08", "generated", null, null, 10),
        new WasteRow("A", "HW-M1", DAY, "hazardous", "HW08", "transferred", null, "JS0500OOD001", 8),
        new WasteRow("A", "HW-D", DAY, "hazardous", "HW08", "disposed", null, null, 2),
        new WasteRow("B", "SLAG-03", DAY, "general", null, "generated", null, null, 40),
        new WasteRow("B", "SLAG-U", DAY, "general", null, "utilized", null, null, 30),
        ashToC);
  }

  double total(String meter) {
    double sum = 0;
    for (double hour : truth.get(meter)) {
      sum += hour;
    }
    return sum;
  }
}
