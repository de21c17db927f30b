package io.parkloop.launcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkloop.ingest.ReadingTopic;
import io.parkloop.reference.Meter;
import io.parkloop.reference.Outlet;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The bench's load generator, run as a process of its own so that its CPU shows apart from the
 * pipeline's: plays the fleet of a bench reference file over MQTT at a fixed rate. Each gateway
 * (enterprise) sends one array with a reading of each of its meters, stamped with the send time
 * (its first in a new hour with the hour's start); the first round carries the baseline instant
 * given by {@code --start-at}. A share of the
 * readings comes as HJ 212 hourly packets of the outlets. Progress goes to stderr; the totals of
 * what was sent ({@link GeneratorSummary}) to stdout as one JSON line at the end.
 */
@Command(name = "load-generator", mixinStandardHelpOptions = true)
public final class LoadGenerator implements Callable<Integer> {
  private static final int MAX_IN_FLIGHT = 500;

  @Option(names = "--mqtt-url", required = true) String mqttUrl;
  @Option(names = "--reference", required = true) Path reference;
  @Option(names = "--prefix", required = true, description = "the fleet's id prefix (its warm-up meter is left out)")
  String prefix;
  @Option(names = "--rate", required = true, description = "readings per second") double rate;
  @Option(names = "--duration-ms", required = true) long durationMillis;
  @Option(names = "--start-at", required = true, description = "epoch ms of the baseline round") long startAt;
  @Option(names = "--hj212-share", defaultValue = "0") double hj212Share;
  @Option(names = "--max-readings", defaultValue = "" + Long.MAX_VALUE, description = "stop after this many readings")
  long maxReadings;
  @Option(names = "--topic-root", defaultValue = ReadingTopic.READINGS_PREFIX,
      description = "where gateway payloads go; the MQTT stage uses another root the bridge does not read")
  String topicRoot;

  private final GatewayPayloads payloads = new GatewayPayloads();
  private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "republish");
    thread.setDaemon(true);
    return thread;
  });
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final AtomicLong republished = new AtomicLong();
  private MqttAsyncClient client;
  private long random = 0x9E3779B97F4A7C15L;

  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadGenerator()).execute(args));
  }

  /** A gateway and its meters' state: counters, and the last timestamp it sent. */
  private static final class Gateway {
    final String topic;
    final String[] meters;
    final BenchFleet.Role[] roles;
    final long[] counters;
    long lastTs;

    Gateway(String topic, List<Meter> meters) {
      this.topic = topic;
      this.meters = meters.stream().map(Meter::id).toArray(String[]::new);
      this.roles = meters.stream().map(LoadGenerator::role).toArray(BenchFleet.Role[]::new);
      this.counters = new long[meters.size()];
      for (int i = 0; i < counters.length; i++) {
        counters[i] = 100_000 + i;
      }
    }
  }

  static BenchFleet.Role role(Meter meter) {
    return switch (meter.medium()) {
      case NATURAL_GAS -> BenchFleet.Role.CLOCK;
      case STEAM -> BenchFleet.Role.INTERVAL;
      default -> BenchFleet.Role.COUNTER;
    };
  }

  /** What has been sent so far: the totals the pipeline's output must add up to. */
  private static final class Sent {
    final Set<String> outletHours = new HashSet<>();
    long readings;
    long messages;
    long hj212Readings;
    long electricity;
    long steam;
    long codKg;
    long lastTs;
  }

  @Override
  public Integer call() throws Exception {
    ReferenceData fleet = ReferenceLoader.load(reference);
    List<Gateway> gateways = gateways(fleet);
    List<Outlet> outlets = fleet.outlets();
    connect();
    Sent sent = new Sent();
    sent.lastTs = startAt;
    int nextGateway = 0;
    int nextOutlet = 0;
    int round = 0;
    while (System.currentTimeMillis() < startAt) {
      Thread.sleep(1);
    }
    long begin = System.nanoTime();
    long firstSend = System.currentTimeMillis();
    long end = begin + TimeUnit.MILLISECONDS.toNanos(durationMillis);
    long nextProgress = begin + TimeUnit.SECONDS.toNanos(10);
    for (long now = begin; now < end && sent.readings < maxReadings; now = System.nanoTime()) {
      if (sent.readings >= (now - begin) / 1e9 * rate) {
        LockSupport.parkNanos(100_000);
        continue;
      }
      if (now >= nextProgress) {
        System.err.printf("generator: %,d readings in %.0f s (%,.0f/s)%n", sent.readings, (now - begin) / 1e9,
            sent.readings / ((now - begin) / 1e9));
        nextProgress += TimeUnit.SECONDS.toNanos(10);
      }
      if (!outlets.isEmpty() && round > 0 && sent.hj212Readings < hj212Share * sent.readings) {
        sendOutletHour(outlets.get(nextOutlet), nextOutlet, sent);
        nextOutlet = (nextOutlet + 1) % outlets.size();
        continue;
      }
      sendGatewayPayload(gateways.get(nextGateway), round, sent);
      if (++nextGateway == gateways.size()) {
        nextGateway = 0;
        round++;
      }
    }
    return finish(sent, firstSend, (System.nanoTime() - begin) / 1e9);
  }

  /** The outlet's packet of the current hour; a second packet of the same hour replaces, not adds. */
  private void sendOutletHour(Outlet outlet, int index, Sent sent) throws InterruptedException {
    long hour = hourStart(System.currentTimeMillis());
    long cod = codKgOf(index);
    if (sent.outletHours.add(outlet.id() + '|' + hour)) {
      sent.codKg += cod;
    }
    publish(ReadingTopic.HJ212_PREFIX + outlet.mn(), GatewayPayloads.hourlyPacket(outlet.mn(), hour, cod));
    sent.hj212Readings += GatewayPayloads.HJ212_VALUES;
    sent.readings += GatewayPayloads.HJ212_VALUES;
    sent.messages++;
  }

  /** One reading of each of the gateway's meters in one payload; the first round is the baseline (no increments). */
  private void sendGatewayPayload(Gateway gateway, int round, Sent sent) throws InterruptedException {
    long ts = round == 0 ? startAt : timestamp(gateway.lastTs);
    String tsText = payloads.timestamp(ts);
    StringBuilder json = new StringBuilder(gateway.meters.length * 96);
    boolean array = gateway.meters.length > 1;
    json.append(array ? "[" : "");
    for (int i = 0; i < gateway.meters.length; i++) {
      long random = nextRandom();
      json.append(i == 0 ? "" : ",");
      switch (gateway.roles[i]) {
        case CLOCK -> GatewayPayloads.appendReading(json, gateway.meters[i], tsText,
            GatewayPayloads.thousandths(ts), "m3");
        case COUNTER -> {
          long increment = round == 0 ? 0 : 1 + Math.floorMod(random, 9);
          gateway.counters[i] += increment;
          sent.electricity += increment;
          GatewayPayloads.appendReading(json, gateway.meters[i], tsText, Long.toString(gateway.counters[i]), "kWh");
        }
        case INTERVAL -> {
          long thousandths = 1 + Math.floorMod(random >>> 8, 9);
          sent.steam += thousandths;
          GatewayPayloads.appendReading(json, gateway.meters[i], tsText, GatewayPayloads.thousandths(thousandths), "t");
        }
      }
    }
    json.append(array ? "]" : "");
    publish(gateway.topic, GatewayPayloads.utf8(json));
    gateway.lastTs = ts;
    sent.lastTs = Math.max(sent.lastTs, ts);
    sent.readings += gateway.meters.length;
    sent.messages++;
  }

  /** xorshift64: cheap, and the same sequence in every run. */
  private long nextRandom() {
    random ^= random << 13;
    random ^= random >>> 7;
    random ^= random << 17;
    return random;
  }

  /** Waits for the broker's last acknowledgements, then prints the totals as one JSON line. */
  private int finish(Sent sent, long firstSend, double sendSeconds) throws Exception {
    if (!inFlight.tryAcquire(MAX_IN_FLIGHT, 120, TimeUnit.SECONDS)) {
      System.err.println("generator: the broker did not acknowledge every message within 120 s");
      return 1;
    }
    client.disconnect().waitForCompletion(10_000);
    client.close();
    System.err.printf("generator: done, %,d readings in %,d messages over %.1f s (%,.0f/s)%n", sent.readings,
        sent.messages, sendSeconds, sent.readings / sendSeconds);
    GeneratorSummary summary = new GeneratorSummary(sent.readings, sent.messages, sent.hj212Readings, startAt,
        firstSend, sent.lastTs, sendSeconds, sent.electricity, sent.steam, sent.codKg, republished.get());
    System.out.println(new ObjectMapper().writeValueAsString(summary));
    return 0;
  }

  /**
   * The send time, but exactly the hour's start for a gateway's first reading in a new hour: no
   * consumption then spans an hour boundary, none is split and rounded in the job's whole
   * millionths, and the totals come out exact. Strictly after the gateway's previous reading.
   */
  private static long timestamp(long previous) {
    long now = Math.max(System.currentTimeMillis(), previous + 1);
    long hour = hourStart(now);
    return hour > previous ? hour : now;
  }

  /** Asia/Shanghai's offset is whole hours, so its clock hours start where UTC's do. */
  static long hourStart(long epochMillis) {
    return Math.floorDiv(epochMillis, 3_600_000L) * 3_600_000L;
  }

  /** Each outlet discharges a fixed whole number of kilograms of COD an hour, so the day's total is exact. */
  static long codKgOf(int outlet) {
    return 1 + outlet % 5;
  }

  private List<Gateway> gateways(ReferenceData fleet) {
    Map<String, List<Meter>> byEnterprise = new LinkedHashMap<>();
    for (Meter meter : fleet.meters()) {
      if (!meter.enterprise().equals(BenchFleet.warmUpEnterprise(prefix))) {
        byEnterprise.computeIfAbsent(meter.enterprise(), e -> new ArrayList<>()).add(meter);
      }
    }
    List<Gateway> gateways = new ArrayList<>();
    byEnterprise.forEach((enterprise, meters) -> gateways.add(new Gateway(
        topicRoot + enterprise + "/" + (meters.size() == 1 ? meters.get(0).id() : "gateway"), meters)));
    return gateways;
  }

  private void connect() throws MqttException {
    client = new MqttAsyncClient(mqttUrl, "parkloop-bench-generator-" + ProcessHandle.current().pid(),
        new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(true);
    client.connect(options).waitForCompletion(30_000);
  }

  /** Publishes with QoS 1, at most {@link #MAX_IN_FLIGHT} unacknowledged; a failed publish goes again. */
  private void publish(String topic, byte[] payload) throws InterruptedException {
    inFlight.acquire();
    send(topic, payload);
  }

  private void send(String topic, byte[] payload) {
    try {
      client.publish(topic, payload, 1, false, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          inFlight.release();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable error) {
          resend(topic, payload);
        }
      });
    } catch (MqttException e) { // not connected just now, or the broker's receive maximum reached
      resend(topic, payload);
    }
  }

  private void resend(String topic, byte[] payload) {
    republished.incrementAndGet();
    retries.schedule(() -> send(topic, payload), 50, TimeUnit.MILLISECONDS);
  }
}
