package io.parkloop.launcher;

import io.parkloop.ingest.ReadingTopic;
import io.parkloop.reference.Medium;
import io.parkloop.reference.Meter;
import io.parkloop.reference.ReferenceData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Plays the meters of the reference data over MQTT the way a park's field devices do: gateways
 * first flush a backlog of the last hours as batched arrays, then every meter reports live.
 * Counters grow at plausible rates per medium (one starts near its rollover), interval meters
 * report the quantity since their last report, one meter reports in a different unit than it
 * is configured in, and now and then a misconfigured device sends something unusable.
 */
final class MeterSimulator implements LiveRun.Tick {
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
  private final ReferenceData reference;
  private final MqttClient client;
  private final Random random = new Random(42);
  private final Map<String, Double> counters = new HashMap<>();
  private final Map<String, Instant> lastReport = new HashMap<>();
  private final Map<String, Double> hourlyRate = new HashMap<>();
  private long ticks;

  MeterSimulator(ReferenceData reference, String mqttUrl) throws MqttException {
    this.reference = reference;
    this.client = new MqttClient(mqttUrl, "parkloop-simulator", new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(true);
    client.connect(options);
    for (Meter meter : reference.meters()) {
      hourlyRate.put(meter.id(), baseRate(meter.medium()) * (0.6 + 0.8 * random.nextDouble()));
      counters.put(meter.id(), meter.rollover() != null ? meter.rollover() - 5_000 : 10_000 + random.nextInt(90_000));
    }
  }

  /** Plausible monthly statistics of every enterprise for the last {@code months} months up to {@code current}. */
  static List<io.parkloop.reference.StatisticsCsv.Row> statistics(ReferenceData reference, java.time.YearMonth current,
      int months) {
    Random random = new Random(7);
    List<io.parkloop.reference.StatisticsCsv.Row> rows = new ArrayList<>();
    for (var enterprise : reference.enterprises()) {
      for (int back = months - 1; back >= 0; back--) {
        double valueAdded = Math.round(800 + 2_200 * random.nextDouble());
        rows.add(new io.parkloop.reference.StatisticsCsv.Row(enterprise.id(), current.minusMonths(back), valueAdded,
            Math.round(valueAdded * (3 + 2 * random.nextDouble())) * 1.0, Math.round(100 + 700 * random.nextDouble()) * 1.0,
            rows.size() + 2));
      }
    }
    return rows;
  }

  /** Canonical units per hour for a mid-sized enterprise. */
  private static double baseRate(Medium medium) {
    return switch (medium) {
      case ELECTRICITY -> 2_500;
      case NATURAL_GAS -> 180;
      case STEAM -> 5;
      case RAW_COAL -> 3;
      case FRESH_WATER -> 40;
      case RECYCLED_WATER -> 90;
      default -> 1;
    };
  }

  /** Gateways flush the last {@code span} at {@code step}, one batched array per enterprise and step. */
  int backfill(Instant now, Duration span, Duration step) throws MqttException {
    int readings = 0;
    Instant start = now.minus(span).truncatedTo(ChronoUnit.MINUTES);
    reference.meters().forEach(meter -> lastReport.put(meter.id(), start.minus(step)));
    for (Instant t = start; t.isBefore(now); t = t.plus(step)) {
      for (var enterprise : reference.enterprises()) {
        List<String> batch = new ArrayList<>();
        for (Meter meter : reference.meters()) {
          if (meter.enterprise().equals(enterprise.id())) {
            batch.add(reading(meter, t));
          }
        }
        if (!batch.isEmpty()) {
          publish(ReadingTopic.of(enterprise.id(), "gateway"), "[" + String.join(",", batch) + "]");
          readings += batch.size();
        }
      }
    }
    for (Instant hour = start.truncatedTo(ChronoUnit.HOURS); hour.plus(Duration.ofHours(1)).isBefore(now);
        hour = hour.plus(Duration.ofHours(1))) {
      readings += publishOutletData("2061", hour);
    }
    return readings;
  }

  /**
   * Each outlet's analyser sends an HJ 212-2017 packet (CN 2061 hourly or 2051 minute data) over
   * MQTT: COD, NH3-N and the wastewater volume, with data flags; COD hovers around its limit.
   */
  private int publishOutletData(String cn, Instant periodStart) throws MqttException {
    int values = 0;
    for (var outlet : reference.outlets()) {
      double cod = 35 + 25 * random.nextDouble();
      double nh3n = 2 + 3 * random.nextDouble();
      double volume = cn.equals("2061") ? 80 + 40 * random.nextDouble() : 1.5 + random.nextDouble();
      String dataTime = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss").format(periodStart.atOffset(CHINA));
      String segment = String.format(Locale.ROOT, "QN=%s000;ST=32;CN=%s;PW=123456;MN=%s;Flag=4;CP=&&DataTime=%s;"
              + "w01018-Avg=%.2f,w01018-Flag=N;w21003-Avg=%.3f,w21003-Flag=N;w00000-Cou=%.2f,w00000-Flag=N&&",
          dataTime, cn, outlet.mn(), dataTime, cod, nh3n, volume);
      MqttMessage message = new MqttMessage(io.parkloop.ingest.hj212.Hj212Frames.encode(segment));
      message.setQos(1);
      client.publish(io.parkloop.ingest.ReadingTopic.HJ212_PREFIX + outlet.mn(), message);
      values += 3;
    }
    return values;
  }

  /** Every meter reports its reading at {@code now}; every fifth tick a faulty device speaks too. */
  @Override
  public void tick(Instant now) throws MqttException {
    for (Meter meter : reference.meters()) {
      publish(ReadingTopic.of(meter.enterprise(), meter.id()), reading(meter, now));
    }
    if (++ticks % 15 == 0) {
      publishOutletData("2051", now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1)));
    }
    if (ticks % 5 == 0) {
      Meter any = reference.meters().get(0);
      publish(ReadingTopic.of(any.enterprise(), any.id() + "-OLD"),
          "{\"meter\": \"" + any.id() + "-OLD\", \"ts\": \"" + iso(now) + "\", \"value\": 12.5}");
      publish(ReadingTopic.of(any.enterprise(), any.id()), "{\"meter\": \"" + any.id() + "\", \"ts\": ");
    }
  }

  private String reading(Meter meter, Instant t) {
    Instant previous = lastReport.getOrDefault(meter.id(), t.minusSeconds(60));
    double hours = Math.max(Duration.between(previous, t).toMillis(), 0) / 3_600_000.0;
    double quantity = hourlyRate.get(meter.id()) * hours * (0.8 + 0.4 * random.nextDouble());
    lastReport.put(meter.id(), t);
    double canonical;
    if (meter.cumulative()) {
      double next = counters.get(meter.id()) + quantity;
      double modulus = meter.rollover() == null ? Double.MAX_VALUE : meter.rollover();
      counters.put(meter.id(), next >= modulus ? next - modulus : next);
      canonical = counters.get(meter.id());
    } else {
      canonical = quantity;
    }
    // the configured unit is what the device speaks; an MWh meter's gateway sends kWh with its unit
    String unit = meter.unit();
    double value = io.parkloop.reference.Units.convert(canonical, meter.medium().canonicalUnit(), unit, meter.medium());
    if (unit.equals("MWh")) {
      unit = "kWh";
      value = canonical;
    }
    return String.format(Locale.ROOT, "{\"meter\": \"%s\", \"ts\": \"%s\", \"value\": %.4f, \"unit\": \"%s\"}",
        meter.id(), iso(t), value, unit);
  }

  private static String iso(Instant t) {
    return OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.SECONDS), CHINA).toString();
  }

  private void publish(String topic, String payload) throws MqttException {
    MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    message.setQos(1);
    client.publish(topic, message);
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect();
    }
    client.close();
  }
}
