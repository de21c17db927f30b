package io.parkloop.launcher;

import io.parkloop.reference.Meter;
import io.parkloop.reference.Province;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A chemical park SIP whose heat-and-power plant CHP burns coal and sells steam to A, B and C
 * of its park and to X of the park YC, and reclaimed water to A; everyone buys electricity, B
 * gas. One day of hourly readings as MQTT reading payloads, with each meter's ground truth.
 * Quantities are whole multiples (1 t, 10 kWh, 10 m³) so each hour's standard coal is a whole
 * number of millionths and a park-day can be checked to 1e-9.
 */
final class ChpParkDataSet {
  static final String REFERENCE_YAML = """
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
        - {id: B-ELEC, enterprise: B, medium: electricity, reading: cumulative, unit: MWh}
        - {id: B-GAS, enterprise: B, medium: natural_gas, reading: cumulative, unit: m3}
        - {id: C-ELEC, enterprise: C, medium: electricity, reading: cumulative, unit: kWh}
        - {id: X-ELEC, enterprise: X, medium: electricity, reading: cumulative, unit: kWh}
      """;
  static final String STATISTICS_CSV = """
      enterprise,month,value_added_10k_cny,output_value_10k_cny,material_t
      A,2026-03,400,,
      B,2026-03,300,,
      C,2026-03,150,,
      CHP,2026-03,50,,
      """;
  static final ReferenceData REFERENCE = ReferenceLoader.parse("chp-park.yaml", REFERENCE_YAML);
  /** Header of the monthly waste CSV (docs/ingest.md "Solid waste and by-products"). */
  static final String WASTE_HEADER = "enterprise,id,date,category,hw_code,flow,to,handler,tonnes";
  private static final ZoneId SHANGHAI = Province.ZONE;

  final LocalDate day;
  final Instant midnight;
  /** What each meter really measured in each of the day's 24 hours, in its canonical unit. */
  final Map<String, double[]> truth = new LinkedHashMap<>();
  /** One payload per reading, in time order. */
  final List<String> payloads = new ArrayList<>();
  /** The meter of each payload, for publishing on its topic. */
  final List<String> payloadMeters = new ArrayList<>();

  ChpParkDataSet(LocalDate day) {
    this.day = day;
    this.midnight = day.atStartOfDay(SHANGHAI).toInstant();
    Map<String, String> units = new LinkedHashMap<>();
    Map<String, Boolean> cumulative = new LinkedHashMap<>();
    for (Meter meter : REFERENCE.meters()) {
      units.put(meter.id(), meter.unit());
      cumulative.put(meter.id(), meter.cumulative());
      truth.put(meter.id(), hours(meter.id(), meter.medium().id()));
    }
    List<Object[]> lines = new ArrayList<>(); // {hour, meter, payload}
    for (String meter : truth.keySet()) {
      double counter = 1_000 + (meter.hashCode() & 0xff);
      if (cumulative.get(meter)) {
        lines.add(new Object[] {0, meter, payload(meter, 0, counter, units.get(meter))});
      }
      for (int h = 0; h < 24; h++) {
        counter += truth.get(meter)[h];
        double value = cumulative.get(meter) ? counter : truth.get(meter)[h];
        lines.add(new Object[] {h + 1, meter, payload(meter, h + 1, value, units.get(meter))});
      }
    }
    lines.sort((a, b) -> Integer.compare((Integer) a[0], (Integer) b[0]));
    for (Object[] line : lines) {
      payloadMeters.add((String) line[1]);
      payloads.add((String) line[2]);
    }
  }

  /** A whole number of units per hour that changes over the day. */
  private static double[] hours(String meter, String medium) {
    double step = switch (medium) {
      case "raw_coal" -> 20;      // t
      case "steam" -> 3;          // t
      case "electricity" -> 150;  // kWh, a multiple of 10
      case "natural_gas" -> 40;   // m³, a multiple of 10
      default -> 12;              // m³ of water
    };
    int seed = meter.hashCode() & 0xff;
    double[] hours = new double[24];
    for (int h = 0; h < 24; h++) {
      hours[h] = step * (1 + (seed + 7 * h) % 13);
    }
    return hours;
  }

  /** A reading at the end of the day's hour {@code hour}; B's electricity counter reports in MWh. */
  private String payload(String meter, int hour, double canonical, String unit) {
    double value = unit.equals("MWh") ? canonical / 1_000 : canonical;
    Instant ts = midnight.plus(Duration.ofHours(hour));
    return String.format(Locale.ROOT, "{\"meter\": \"%s\", \"ts\": \"%s\", \"value\": %s, \"unit\": \"%s\"}",
        meter, OffsetDateTime.ofInstant(ts, Province.ZONE), value, unit);
  }

  double total(String... meters) {
    double sum = 0;
    for (String meter : meters) {
      for (double hour : truth.get(meter)) {
        sum += hour;
      }
    }
    return sum;
  }

  /** The same payloads shuffled within windows of about three hours, one in ten sent twice. */
  List<String> shuffled(long seed) {
    Random random = new Random(seed);
    List<String> lines = new ArrayList<>(payloads);
    for (int i = 0; i < payloads.size() / 10; i++) {
      int at = random.nextInt(lines.size());
      lines.add(at, lines.get(at));
    }
    for (int from = 0; from < lines.size(); from += 40) {
      Collections.shuffle(lines.subList(from, Math.min(from + 40, lines.size())), random);
    }
    return lines;
  }

  /**
   * The day's month of waste as CSV lines (without the header): the plant's ash, 300 t of it to C
   * of the park (that ticket twice) and 100 t to X outside; A's spent oil (HW08) disposed by a
   * licensed handler; B's slag partly used in-house; and three lines that must be dead-lettered.
   */
  List<String> wasteLines() {
    String month = day.toString().substring(0, 7);
    return List.of(
        "CHP,ASH-01," + month + ",general,,generated,,,500",
        "CHP,ASH-X1," + day + ",general,,transferred,C,,300",
        "CHP,ASH-X1," + day + ",general,,transferred,C,,300",
        "CHP,ASH-X2," + month + ",general,,transferred,X,,100",
        "A,HW-01," + month + ",hazardous,HW08,generated,,,10",
        "A,HW-D1," + day + ",hazardous,HW08,disposed,,JS0500OOD001,2",
        "B,SLAG-01," + month + ",general,,generated,,,40",
        "B,SLAG-U1," + month + ",general,,utilized,,,30",
        "B,BAD-1," + month + ",hazardous,,generated,,,5",
        "Z,BAD-2," + month + ",general,,generated,,,5",
        "B,BAD-3," + month + ",general");
  }

  /** What the three bad waste lines are refused for. */
  static final Map<String, Long> WASTE_DEAD_LETTERS = Map.of("missing_field", 1L, "unknown_enterprise", 1L,
      "malformed_csv", 1L);

  void write(Path readings, List<String> lines, Path reference, Path statistics, Path waste) throws Exception {
    Files.write(readings, lines, StandardCharsets.UTF_8);
    Files.writeString(reference, REFERENCE_YAML);
    Files.writeString(statistics, STATISTICS_CSV);
    List<String> wasteCsv = new ArrayList<>(List.of(WASTE_HEADER));
    wasteCsv.addAll(wasteLines());
    Files.write(waste, wasteCsv, StandardCharsets.UTF_8);
  }
}
