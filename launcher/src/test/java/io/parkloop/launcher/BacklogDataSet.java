package io.parkloop.launcher;

import io.parkloop.ingest.hj212.Hj212Upload;
import io.parkloop.reference.Province;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Five days of hourly data from two enterprises, compressed so the live chain carries them in
 * seconds: a gateway (E1-ELEC) and an HJ 212 analyser (E1-WW1) go offline for 72 hours and then
 * flush their backlog while the other meters keep reporting. Knows its own ground truth: what
 * each meter consumed per Shanghai day, and each day's COD load, from the generating values alone.
 *
 * <p>The live meters cover every partition of the readings topic (the bridge keys by meter), so
 * the job's event time moves on with them while the two are away, as in a real fleet; a Kafka
 * partition of its own would hold event time back for the gateway. E1-GAS is silent from
 * {@link #GAS_SILENT_FROM} to {@link #GAS_BACK_AT}: its silence alert is the barrier that event
 * time has passed {@link #GAS_SILENT_FROM} before the backlog comes.
 */
final class BacklogDataSet {
  static final ZoneId SHANGHAI = Province.ZONE;
  static final int HOURS = 120;
  static final int OFFLINE_FROM = 24;
  static final int BACK_AT = OFFLINE_FROM + 72;
  static final int GAS_SILENT_FROM = 90;
  static final int GAS_BACK_AT = 95;
  static final List<String> LIVE_METERS = List.of("E1-FW", "E1-GAS", "E2-ELEC", "E2-FW");
  static final double COD_LIMIT = 50;
  static final String MN = "88888880000016";
  static final String REFERENCE_YAML = """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
      enterprises:
        - {id: E1, park: SIP}
        - {id: E2, park: SIP}
      meters:
        - {id: E1-ELEC, enterprise: E1, medium: electricity, reading: cumulative, unit: kWh}
        - {id: E1-FW, enterprise: E1, medium: fresh_water, reading: cumulative, unit: m3}
        - {id: E1-GAS, enterprise: E1, medium: natural_gas, reading: cumulative, unit: m3}
        - {id: E2-ELEC, enterprise: E2, medium: electricity, reading: cumulative, unit: kWh}
        - {id: E2-FW, enterprise: E2, medium: fresh_water, reading: cumulative, unit: m3}
      outlets:
        - {id: E1-WW1, enterprise: E1, type: water, mn: "%s", limits_mg_per_l: {w01018: %s}}
      """.formatted(MN, (int) COD_LIMIT);
  /** Two episodes over the limit: one before the outage, one inside it (only the backlog shows it). */
  private static final Map<Integer, Double> COD_OVER = Map.of(10, 62.0, 11, 71.0, 40, 58.0, 41, 88.0, 42, 66.0);

  /** One thing sent: an MQTT topic and its payload. */
  record Message(String topic, byte[] payload) {}

  /** The first hour, a week ago at midnight in Shanghai: in the past, and younger than the maximum age at its end. */
  final Instant start;

  BacklogDataSet(LocalDate today) {
    this.start = today.minusDays(7).atStartOfDay(SHANGHAI).toInstant();
  }

  Instant hour(int h) {
    return start.plus(Duration.ofHours(h));
  }

  /** kWh E1-ELEC uses in hour h (from its reading at h to the one at h + 1). */
  static double gatewayKwh(int h) {
    return 40 + 10 * (h % 5);
  }

  static double e2Kwh(int h) {
    return 100 + 20 * (h % 3);
  }

  static double e1WaterM3(int h) {
    return 3 + (h % 2);
  }

  static double codMgPerL(int h) {
    return COD_OVER.getOrDefault(h, 20.0 + h % 7);
  }

  static double flowM3(int h) {
    return 10 + h % 4;
  }

  private static double counter(java.util.function.IntToDoubleFunction perHour, double base, int h) {
    double value = base;
    for (int i = 0; i < h; i++) {
      value += perHour.applyAsDouble(i);
    }
    return value;
  }

  String reading(String meter, int h) {
    double value = switch (meter) {
      case "E1-ELEC" -> counter(BacklogDataSet::gatewayKwh, 10_000, h);
      case "E2-ELEC" -> counter(BacklogDataSet::e2Kwh, 50_000, h);
      case "E1-FW" -> counter(BacklogDataSet::e1WaterM3, 700, h);
      case "E1-GAS" -> counter(i -> 5, 2_000, h);
      case "E2-FW" -> counter(i -> 2, 300, h);
      default -> throw new IllegalArgumentException(meter);
    };
    return String.format(Locale.ROOT, "{\"meter\": \"%s\", \"ts\": \"%s\", \"value\": %s}", meter,
        OffsetDateTime.ofInstant(hour(h), Province.ZONE), value);
  }

  /** The analyser's hourly data (CN 2061) of hour h, with a real CRC. */
  String packet(int h) {
    return Hj212Upload.of("2061", MN, hour(h),
        "w00000-Cou=" + flowM3(h) + ",w00000-Flag=N;w01018-Avg=" + codMgPerL(h) + ",w01018-Flag=N").line();
  }

  /** Every reading line in event-time order, as an in-order replay reads it. */
  List<String> readingLinesInOrder() {
    List<String> lines = new ArrayList<>();
    for (int h = 0; h <= HOURS; h++) {
      lines.add(reading("E1-ELEC", h));
      for (String meter : LIVE_METERS) {
        if (reports(meter, h)) {
          lines.add(reading(meter, h));
        }
      }
    }
    return lines;
  }

  private static boolean reports(String meter, int h) {
    return !meter.equals("E1-GAS") || h <= GAS_SILENT_FROM || h >= GAS_BACK_AT;
  }

  List<String> packetLinesInOrder() {
    List<String> lines = new ArrayList<>();
    for (int h = 0; h < HOURS; h++) {
      lines.add(packet(h));
    }
    return lines;
  }

  /**
   * The live arrivals until the gateway and the analyser come back: every hour the meters that
   * are online report; the two fall silent at {@link #OFFLINE_FROM}; the analyser sends an hour's
   * data once the hour is over.
   */
  List<Message> liveUntilBack() {
    List<Message> messages = new ArrayList<>();
    for (int h = 0; h <= BACK_AT; h++) {
      liveMeters(h, messages);
      if (h < OFFLINE_FROM) {
        messages.add(meterMessage("E1-ELEC", reading("E1-ELEC", h)));
      }
      if (h >= 1 && h - 1 < OFFLINE_FROM) {
        messages.add(packetMessage(packet(h - 1)));
      }
    }
    return messages;
  }

  /**
   * Then: at {@link #BACK_AT} the gateway flushes its buffer as one batch and the analyser
   * re-uploads its 72 hours, eight an hour, before its new data, while the others go on reporting.
   */
  List<Message> liveFromBack() {
    List<Message> messages = new ArrayList<>();
    List<String> buffer = new ArrayList<>();
    for (int b = OFFLINE_FROM; b <= BACK_AT; b++) {
      buffer.add(reading("E1-ELEC", b));
    }
    messages.add(meterMessage("E1-ELEC", "[" + String.join(", ", buffer) + "]"));
    List<Integer> analyserQueue = new ArrayList<>();
    for (int h = OFFLINE_FROM; h < BACK_AT; h++) {
      analyserQueue.add(h);
    }
    for (int h = BACK_AT + 1; h <= HOURS; h++) {
      liveMeters(h, messages);
      messages.add(meterMessage("E1-ELEC", reading("E1-ELEC", h)));
      analyserQueue.add(h - 1);
      for (int n = 0; n < 8 && !analyserQueue.isEmpty(); n++) {
        messages.add(packetMessage(packet(analyserQueue.remove(0))));
      }
    }
    analyserQueue.forEach(h -> messages.add(packetMessage(packet(h))));
    return messages;
  }

  private void liveMeters(int h, List<Message> messages) {
    for (String meter : LIVE_METERS) {
      if (reports(meter, h)) {
        messages.add(meterMessage(meter, reading(meter, h)));
      }
    }
  }

  private static Message meterMessage(String meter, String payload) {
    return new Message("parkloop/v1/readings/" + meter.substring(0, 2) + "/" + meter,
        payload.getBytes(StandardCharsets.UTF_8));
  }

  private static Message packetMessage(String frame) {
    return new Message("parkloop/v1/hj212/" + MN, (frame + "\r\n").getBytes(StandardCharsets.US_ASCII));
  }

  /** The ground truth per Shanghai day: quantity of an indicator for a scope, from the generating values. */
  Map<LocalDate, Double> dailyTruth(String scopeId, String indicator) {
    Map<LocalDate, Double> days = new TreeMap<>();
    for (int h = 0; h < HOURS; h++) {
      LocalDate day = LocalDateTime.ofInstant(hour(h), SHANGHAI).toLocalDate();
      double quantity = switch (scopeId + "/" + indicator) {
        case "E1/electricity_kwh" -> gatewayKwh(h);
        case "E2/electricity_kwh" -> e2Kwh(h);
        case "SIP/electricity_kwh" -> gatewayKwh(h) + e2Kwh(h);
        case "E1/fresh_water_m3" -> e1WaterM3(h);
        case "E1/cod_kg", "SIP/cod_kg" -> codMgPerL(h) * flowM3(h) * 1e-3;
        default -> throw new IllegalArgumentException(scopeId + "/" + indicator);
      };
      days.merge(day, quantity, Double::sum);
    }
    return days;
  }
}
