package io.parkloop.launcher;

import io.parkloop.ingest.hj212.Hj212Upload;
import io.parkloop.reference.Province;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Two months (January and February 2026) of three parks in three regions, as the files a replay
 * reads, together with the ground truth the generator knows: every quantity each meter really
 * consumed and the interval it was consumed over, every outlet-hour's load, every statistics row.
 *
 * <p>The files carry what real fields send: a counter that rolls over, a gas meter replaced
 * mid-month (its counter starts again near zero), a meter configured in MWh whose gateway sometimes
 * reports kWh, a meter with its own standard-coal factor, an hourly interval meter read at odd
 * minutes, a six-hour gap, readings arriving up to three hours late and out of order, QoS 1
 * duplicates, gateway arrays, one reading beyond the maximum age, HJ 212 hours with and
 * without the analyser's load and a few flagged as faulty.
 */
final class TwoMonthDataSet {
  static final ZoneId SHANGHAI = Province.ZONE;
  /** The first reading of every meter is in the hour before January begins, the last just after February ends. */
  static final Instant FIRST_HOUR = LocalDateTime.of(2025, 12, 31, 23, 0).atZone(SHANGHAI).toInstant();
  static final Instant END = LocalDateTime.of(2026, 3, 1, 0, 0).atZone(SHANGHAI).toInstant();
  static final Instant JANUARY = LocalDateTime.of(2026, 1, 1, 0, 0).atZone(SHANGHAI).toInstant();
  static final double ELEC_ROLLOVER = 999_999;

  record Park(String id, String name, String city, String level) {}

  /** A quantity of a medium (in its canonical unit) consumed evenly over [from, to]. */
  record Consumption(String enterprise, String medium, Instant from, Instant to, double quantity, double kgcePerUnit) {}

  /** An outlet-hour's COD load that counts, in kg. */
  record Load(String enterprise, Instant hour, double kg) {}

  record Statistics(String enterprise, String month, double valueAdded, double outputValue, double material) {}

  static final List<Park> PARKS = List.of(
      new Park("SIP", "苏州工业园区", "苏州", "national"),
      new Park("NTEDZ", "南通经济技术开发区", "南通", "provincial"),
      new Park("YCEP", "盐城环保科技城", "盐城", "provincial"));

  final List<Consumption> consumption = new ArrayList<>();
  final List<Load> loads = new ArrayList<>();
  final List<Statistics> statistics = new ArrayList<>();
  /** The lines of the readings file, in arrival order. */
  final List<String> readingLines = new ArrayList<>();
  final List<String> packetLines = new ArrayList<>();
  int meterReadingsSent;
  int duplicatesSent;

  private final Random random;
  private final List<Arrival> arrivals = new ArrayList<>();

  private record Arrival(Instant at, String json) {}

  private record Packet(Instant hour, String frame) {}

  private final List<Packet> packets = new ArrayList<>();

  TwoMonthDataSet(long seed) {
    random = new Random(seed);
    for (Park park : PARKS) {
      for (int e = 1; e <= 2; e++) {
        String enterprise = park.id() + "-E" + e;
        electricity(enterprise);
        naturalGas(enterprise);
        steam(enterprise);
        water(enterprise, "FW", "fresh_water");
        water(enterprise, "RW", "recycled_water");
        for (String month : List.of("2026-01", "2026-02")) {
          statistics.add(new Statistics(enterprise, month, thousandths(800, 6_000), thousandths(3_000, 20_000),
              thousandths(50, 900)));
        }
      }
      outlet(park.id() + "-E2", outletMn(park));
    }
    arrivals.sort(Comparator.comparing(Arrival::at));
    batchIntoGatewayArrays();
    // a gateway that was offline for nine days sends one stale reading: beyond the maximum age of seven
    readingLines.add(json("SIP-E1-ELEC", END.minus(Duration.ofDays(9)).minusSeconds(7 * 60 + 13), "999000.5", null));
    // the analysers send each hour's data after the hour, all outlets interleaved
    packets.sort(Comparator.comparing(Packet::hour));
    packets.forEach(packet -> packetLines.add(packet.frame()));
    // and one analyser resends an hour of last December: its two values are beyond the maximum age
    packetLines.add(frame(JANUARY.minus(Duration.ofDays(2)), outletMn(PARKS.get(1)),
        "w00000-Cou=55,w00000-Flag=N;w01018-Avg=30,w01018-Flag=N"));
  }

  /** Values beyond the maximum age that the job keeps aside: the stale reading and the stale packet's two. */
  static final int LATE_VALUES = 3;

  String referenceYaml() {
    StringBuilder yaml = new StringBuilder("parks:\n");
    for (Park park : PARKS) {
      yaml.append(String.format("  - {id: %s, name: %s, city: %s, level: %s, land_area_km2: 50.0}%n", park.id(),
          park.name(), park.city(), park.level()));
    }
    yaml.append("enterprises:\n");
    PARKS.forEach(park -> yaml.append(String.format("  - {id: %1$s-E1, park: %1$s}%n  - {id: %1$s-E2, park: %1$s}%n",
        park.id())));
    yaml.append("meters:\n");
    for (Park park : PARKS) {
      for (int e = 1; e <= 2; e++) {
        String enterprise = park.id() + "-E" + e;
        String elec = enterprise.equals("SIP-E1") ? ", rollover: 999999"
            : enterprise.equals("YCEP-E1") ? ", standard_coal_factor: 0.3" : "";
        String elecUnit = enterprise.equals("NTEDZ-E1") ? "MWh" : "kWh";
        yaml.append(String.format("""
              - {id: %1$s-ELEC, enterprise: %1$s, medium: electricity, reading: cumulative, unit: %2$s%3$s}
              - {id: %1$s-GAS, enterprise: %1$s, medium: natural_gas, reading: cumulative, unit: m3}
              - {id: %1$s-STM, enterprise: %1$s, medium: steam, reading: interval, unit: t, interval: 1h}
              - {id: %1$s-FW, enterprise: %1$s, medium: fresh_water, reading: cumulative, unit: m3}
              - {id: %1$s-RW, enterprise: %1$s, medium: recycled_water, reading: cumulative, unit: m3}
            """, enterprise, elecUnit, elec));
      }
    }
    yaml.append("outlets:\n");
    for (Park park : PARKS) {
      yaml.append(String.format("  - {id: %1$s-E2-WW1, enterprise: %1$s-E2, type: water, mn: \"%2$s\", "
          + "limits_mg_per_l: {w01018: 500}}%n", park.id(), outletMn(park)));
    }
    return yaml.toString();
  }

  String statisticsCsv() {
    StringBuilder csv = new StringBuilder("enterprise,month,value_added_10k_cny,output_value_10k_cny,material_t\n");
    statistics.forEach(row -> csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s%n", row.enterprise(), row.month(),
        plain(row.valueAdded()), plain(row.outputValue()), plain(row.material()))));
    return csv.toString();
  }

  void write(Path readings, Path packets, Path statisticsFile, Path reference) throws IOException {
    Files.write(readings, readingLines, StandardCharsets.UTF_8);
    Files.write(packets, packetLines, StandardCharsets.US_ASCII);
    Files.writeString(statisticsFile, statisticsCsv());
    Files.writeString(reference, referenceYaml());
  }

  private static String outletMn(Park park) {
    return "3203" + String.format("%010d", Math.abs(park.id().hashCode()) % 10_000_000_000L);
  }

  /** Hourly readings at the meter's own minute past each hour, from the last hour of 2025 to just after February. */
  private List<Instant> readingTimes(String meter) {
    int minute = 1 + Math.floorMod(meter.hashCode(), 58);
    boolean gap = meter.equals("NTEDZ-E2-FW");
    Instant gapFrom = LocalDateTime.of(2026, 1, 20, 10, 0).atZone(SHANGHAI).toInstant();
    List<Instant> times = new ArrayList<>();
    for (Instant hour = FIRST_HOUR; !hour.isAfter(END); hour = hour.plus(Duration.ofHours(1))) {
      Instant ts = hour.plus(Duration.ofMinutes(minute));
      if (gap && !ts.isBefore(gapFrom) && ts.isBefore(gapFrom.plus(Duration.ofHours(6)))) {
        continue;
      }
      times.add(ts);
    }
    return times;
  }

  private void electricity(String enterprise) {
    String meter = enterprise + "-ELEC";
    double kgce = enterprise.equals("YCEP-E1") ? 0.3 : 0.1229;
    boolean rolls = enterprise.equals("SIP-E1");
    boolean mwh = enterprise.equals("NTEDZ-E1");
    // the rolling counter starts near its end and wraps about once a week
    double counter = rolls ? 990_000 : thousandths(1_000, 90_000);
    Instant previous = null;
    for (Instant ts : readingTimes(meter)) {
      if (previous != null) {
        double used = thousandths(200, 9_000);
        consumption.add(new Consumption(enterprise, "electricity", previous, ts, used, kgce));
        counter = round3(counter + used);
        if (rolls && counter > ELEC_ROLLOVER) {
          counter = round3(counter - ELEC_ROLLOVER); // SPEC: delta = value + rollover − previous
        }
      }
      if (mwh && random.nextInt(3) != 0) {
        send(meter, ts, new BigDecimal(plain(counter)).movePointLeft(3).toPlainString(), null);
      } else {
        send(meter, ts, plain(counter), mwh ? "kWh" : null);
      }
      previous = ts;
    }
  }

  private void naturalGas(String enterprise) {
    String meter = enterprise + "-GAS";
    boolean replaced = enterprise.equals("SIP-E2");
    Instant replacedAt = LocalDateTime.of(2026, 1, 17, 14, 0).atZone(SHANGHAI).toInstant();
    double counter = thousandths(10_000, 50_000);
    Instant previous = null;
    for (Instant ts : readingTimes(meter)) {
      if (previous != null) {
        double used = thousandths(5, 120);
        consumption.add(new Consumption(enterprise, "natural_gas", previous, ts, used, 1.2143));
        // the new meter starts from zero: what it shows is what was used since the last reading
        counter = replaced && !previous.isAfter(replacedAt) && ts.isAfter(replacedAt) ? used : round3(counter + used);
      }
      send(meter, ts, plain(counter), null);
      previous = ts;
    }
  }

  private void steam(String enterprise) {
    String meter = enterprise + "-STM";
    for (Instant ts : readingTimes(meter)) {
      double tonnes = thousandths(0, 4);
      consumption.add(new Consumption(enterprise, "steam", ts.minus(Duration.ofHours(1)), ts, tonnes, 128.6));
      send(meter, ts, plain(tonnes), null);
    }
  }

  private void water(String enterprise, String suffix, String medium) {
    String meter = enterprise + "-" + suffix;
    double counter = thousandths(100, 5_000);
    Instant previous = null;
    for (Instant ts : readingTimes(meter)) {
      if (previous != null) {
        double used = medium.equals("fresh_water") ? thousandths(1, 40) : thousandths(10, 120);
        consumption.add(new Consumption(enterprise, medium, previous, ts, used, 0));
        counter = round3(counter + used);
      }
      send(meter, ts, plain(counter), null);
      previous = ts;
    }
  }

  /** Hourly HJ 212-2017 data (CN 2061) for January and February, in time order. */
  private void outlet(String enterprise, String mn) {
    for (Instant hour = JANUARY; hour.isBefore(END); hour = hour.plus(Duration.ofHours(1))) {
      double volume = thousandths(20, 80);
      double avg = thousandths(10, 60);
      boolean analyserLoad = random.nextBoolean();
      double cou = round3(avg * volume * 1e-3 * 1.05);
      boolean faulty = random.nextInt(50) == 0;
      String flag = faulty ? "D" : "N";
      String values = "w00000-Cou=" + plain(volume) + ",w00000-Flag=N;w01018-Avg=" + plain(avg)
          + (analyserLoad ? ",w01018-Cou=" + plain(cou) : "") + ",w01018-Flag=" + flag;
      packets.add(new Packet(hour, frame(hour, mn, values)));
      if (!faulty) {
        loads.add(new Load(enterprise, hour, analyserLoad ? cou : avg * volume * 1e-3));
      }
    }
  }

  /** An hourly data packet (CN 2061) with a real CRC. */
  private static String frame(Instant hour, String mn, String values) {
    return Hj212Upload.of("2061", mn, hour, values).sentAt(hour.plus(Duration.ofMinutes(61))).line();
  }

  /** A reading arrives up to three hours after its time; one in 30 arrives twice (QoS 1). */
  private void send(String meter, Instant ts, String value, String unit) {
    meterReadingsSent++;
    String json = json(meter, ts, value, unit);
    Instant arrival = ts.plusSeconds(random.nextInt(3 * 3600));
    arrivals.add(new Arrival(arrival, json));
    if (random.nextInt(30) == 0) {
      duplicatesSent++;
      arrivals.add(new Arrival(arrival.plusSeconds(random.nextInt(1800)), json));
    }
  }

  /** Lines of one to five readings that arrived together: gateways batch. */
  private void batchIntoGatewayArrays() {
    for (int i = 0; i < arrivals.size(); ) {
      int size = Math.min(arrivals.size() - i, 1 + random.nextInt(5));
      List<String> batch = arrivals.subList(i, i + size).stream().map(Arrival::json).toList();
      readingLines.add(size == 1 ? batch.get(0) : "[" + String.join(", ", batch) + "]");
      i += size;
    }
  }

  private static String json(String meter, Instant ts, String value, String unit) {
    return "{\"meter\": \"" + meter + "\", \"ts\": \"" + OffsetDateTime.ofInstant(ts, Province.ZONE)
        + "\", \"value\": " + value + (unit == null ? "" : ", \"unit\": \"" + unit + "\"") + "}";
  }

  /** A random amount in whole thousandths, as meters display them. */
  private double thousandths(double min, double max) {
    return round3(min + random.nextDouble() * (max - min));
  }

  private static double round3(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
