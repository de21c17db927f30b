package io.parkloop.launcher.simulator;

import io.parkloop.ingest.ReadingTopic;
import io.parkloop.ingest.WasteTopic;
import io.parkloop.ingest.hj212.Hj212Upload;
import io.parkloop.launcher.pipeline.LiveRun;
import io.parkloop.reference.Medium;
import io.parkloop.reference.Meter;
import io.parkloop.reference.Province;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.StatisticsCsv;
import io.parkloop.reference.Units;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
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
 * first flush the backlog since the last run (at most {@code backfill}) as batched arrays, then
 * every meter reports live. Each meter's consumption follows a daily load curve that is a fixed
 * function of time, so counters only ever grow, also across runs (a counter with a rollover
 * wraps); interval meters report the quantity since their last report; one meter is configured
 * in MWh but its gateway sends kWh; the wastewater outlet's analyser sends HJ 212 hourly and
 * minute data; weighbridges publish the day's solid-waste tickets (the heat-and-power plant's
 * ash, part of it to a neighbour; spent oil to a licensed handler); and now and then a
 * misconfigured device sends something unusable.
 */
public final class MeterSimulator implements LiveRun.Tick {
  private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00+08:00");
  private final ReferenceData reference;
  private final MqttClient client;
  private final Path stateFile;
  private final Map<String, Double> hourlyRate = new HashMap<>();
  private final Map<String, Instant> lastReport = new HashMap<>();
  private long ticks;

  /** @param stateFile where the time of the last report is kept, so the next run's backlog starts there */
  public MeterSimulator(ReferenceData reference, String mqttUrl, Path stateFile) throws MqttException {
    this.reference = reference;
    this.stateFile = stateFile;
    this.client = new MqttClient(mqttUrl, "parkloop-simulator", new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(true);
    client.connect(options);
    Random random = new Random(42);
    for (Meter meter : reference.meters()) {
      hourlyRate.put(meter.id(), baseRate(meter.medium()) * (0.6 + 0.8 * random.nextDouble()));
    }
  }

  /** Plausible monthly statistics of every enterprise for the last {@code months} months up to {@code current}. */
  public static List<StatisticsCsv.Row> statistics(ReferenceData reference, YearMonth current, int months) {
    Random random = new Random(7);
    List<StatisticsCsv.Row> rows = new ArrayList<>();
    for (var enterprise : reference.enterprises()) {
      for (int back = months - 1; back >= 0; back--) {
        double valueAdded = Math.round(800 + 2_200 * random.nextDouble());
        rows.add(new StatisticsCsv.Row(enterprise.id(), current.minusMonths(back), valueAdded,
            Math.round(valueAdded * (3 + 2 * random.nextDouble())) * 1.0,
            Math.round(100 + 700 * random.nextDouble()) * 1.0, rows.size() + 2));
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

  /**
   * What a meter has consumed since {@link #ORIGIN}, in its canonical unit: its rate on a daily
   * curve (30 % above average in the afternoon, below at night), integrated in closed form.
   */
  private double consumedBy(Meter meter, Instant t) {
    double hours = Duration.between(ORIGIN, t).toMillis() / 3_600_000.0;
    double curve = hours - 0.3 * 24 / (2 * Math.PI) * Math.sin(2 * Math.PI * (hours - 8) / 24);
    return hourlyRate.get(meter.id()) * curve;
  }

  /** Gateways flush the backlog since the last run, on a 5-minute grid, one batched array per enterprise and step. */
  public int backfill(Instant now, Duration span) throws MqttException, IOException {
    Duration step = Duration.ofMinutes(5);
    Instant start = now.minus(span);
    if (Files.exists(stateFile)) {
      Instant last = Instant.parse(Files.readString(stateFile).trim());
      start = last.isAfter(start) ? last : start;
    }
    start = Instant.ofEpochSecond((start.getEpochSecond() / step.toSeconds() + 1) * step.toSeconds());
    for (Meter meter : reference.meters()) {
      lastReport.put(meter.id(), start.minus(step));
    }
    int readings = 0;
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

  /** Every meter reports its reading at {@code now}; the analyser sends minute data; now and then a faulty device speaks too. */
  @Override
  public void tick(Instant now) throws MqttException {
    for (Meter meter : reference.meters()) {
      publish(ReadingTopic.of(meter.enterprise(), meter.id()), reading(meter, now));
    }
    if (++ticks % 15 == 0) {
      publishOutletData("2051", now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(1)));
    }
    if (ticks % 30 == 1) {
      publishWasteTickets(now);
    }
    if (ticks % 5 == 0) {
      Meter any = reference.meters().get(0);
      publish(ReadingTopic.of(any.enterprise(), any.id() + "-OLD"),
          "{\"meter\": \"" + any.id() + "-OLD\", \"ts\": \"" + iso(now) + "\", \"value\": 12.5}");
      publish(ReadingTopic.of(any.enterprise(), any.id()), "{\"meter\": \"" + any.id() + "\", \"ts\": ");
    }
  }

  /**
   * Today's tickets so far, one per enterprise and kind with the day in its id: each new version
   * of a ticket replaces the last (the same enterprise and id count once), so the day's tonnes
   * grow with the day. A demo park without the enterprises named here sends none.
   */
  private void publishWasteTickets(Instant now) throws MqttException {
    String day = now.atZone(Province.ZONE).toLocalDate().toString();
    double hours = Duration.between(now.atZone(Province.ZONE).toLocalDate().atStartOfDay(Province.ZONE).toInstant(), now)
        .toMillis() / 3_600_000.0;
    wasteTicket("CZBJ-E02", "[" + ticket("ASH-" + day, day, "general", null, "generated", null, null, 1.2 * hours)
        + ", " + ticket("ASH-X-" + day, day, "general", null, "transferred", "CZBJ-E01", null, 0.8 * hours)
        + ", " + ticket("ASH-S-" + day, day, "general", null, "stored", null, null, 0.4 * hours) + "]");
    wasteTicket("SIP-E01", "[" + ticket("HW-" + day, day, "hazardous", "HW08", "generated", null, null, 0.05 * hours)
        + ", " + ticket("HW-M-" + day, day, "hazardous", "HW08", "transferred", null, "JS0500OOD001", 0.05 * hours) + "]");
  }

  private void wasteTicket(String enterprise, String payload) throws MqttException {
    if (reference.enterprise(enterprise).isPresent()) {
      publish(WasteTopic.of(enterprise), payload);
    }
  }

  public static String ticket(String id, String day, String category, String hwCode, String flow, String to,
      String handler, double tonnes) {
    return String.format(Locale.ROOT, "{\"id\": \"%s\", \"date\": \"%s\", \"category\": \"%s\", \"flow\": \"%s\"%s%s%s,"
        + " \"tonnes\": %.3f}", id, day, category, flow, hwCode == null ? "" : ", \"hw_code\": \"" + hwCode + "\"",
        to == null ? "" : ", \"to\": \"" + to + "\"", handler == null ? "" : ", \"handler\": \"" + handler + "\"", tonnes);
  }

  private String reading(Meter meter, Instant t) {
    Instant at = t.truncatedTo(ChronoUnit.SECONDS);
    double canonical;
    if (meter.cumulative()) {
      canonical = consumedBy(meter, at);
      if (meter.rollover() != null) {
        double modulus = Units.convert(meter.rollover(), meter.unit(), meter.medium().canonicalUnit(), meter.medium());
        canonical = canonical % modulus;
      }
    } else {
      canonical = consumedBy(meter, at) - consumedBy(meter, lastReport.get(meter.id()));
    }
    lastReport.put(meter.id(), at);
    // the configured unit is what the device speaks; an MWh meter's gateway sends kWh with its unit
    String unit = meter.unit().equals("MWh") ? "kWh" : meter.unit();
    double value = Units.convert(canonical, meter.medium().canonicalUnit(), unit, meter.medium());
    return String.format(Locale.ROOT, "{\"meter\": \"%s\", \"ts\": \"%s\", \"value\": %.4f, \"unit\": \"%s\"}",
        meter.id(), iso(at), value, unit);
  }

  /**
   * Each outlet's analyser sends an HJ 212-2017 packet (CN 2061 hourly or 2051 minute data) over
   * MQTT: COD, NH3-N and the wastewater volume, with data flags; COD hovers around its limit.
   * The values of a period are the same in every run.
   */
  private int publishOutletData(String cn, Instant periodStart) throws MqttException {
    int values = 0;
    for (var outlet : reference.outlets()) {
      Random random = new Random(outlet.mn().hashCode() * 31L + periodStart.getEpochSecond());
      double cod = 35 + 25 * random.nextDouble();
      double nh3n = 2 + 3 * random.nextDouble();
      double volume = cn.equals("2061") ? 80 + 40 * random.nextDouble() : 1.5 + random.nextDouble();
      String data = String.format(Locale.ROOT,
          "w01018-Avg=%.2f,w01018-Flag=N;w21003-Avg=%.3f,w21003-Flag=N;w00000-Cou=%.2f,w00000-Flag=N", cod, nh3n, volume);
      MqttMessage message = new MqttMessage(Hj212Upload.of(cn, outlet.mn(), periodStart, data).frame());
      message.setQos(1);
      client.publish(ReadingTopic.HJ212_PREFIX + outlet.mn(), message);
      values += 3;
    }
    return values;
  }

  private static String iso(Instant t) {
    return OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.SECONDS), Province.ZONE).toString();
  }

  private void publish(String topic, String payload) throws MqttException {
    MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    message.setQos(1);
    client.publish(topic, message);
  }

  /** Remembers the last report, so that the next run's gateways flush only what came after it. */
  @Override
  public void close() throws MqttException, IOException {
    lastReport.values().stream().max(Instant::compareTo)
        .ifPresent(last -> write(last.toString()));
    if (client.isConnected()) {
      client.disconnect();
    }
    client.close();
  }

  private void write(String text) {
    try {
      Files.writeString(stateFile, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + stateFile, e);
    }
  }
}
