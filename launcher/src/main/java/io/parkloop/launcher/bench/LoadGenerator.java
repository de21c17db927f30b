package io.parkloop.launcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkloop.ingest.ReadingTopic;
import io.parkloop.reference.Outlet;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import java.nio.file.Path;
import java.util.List;
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

  private final FleetPayloads fleetPayloads = new FleetPayloads();
  private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "republish");
    thread.setDaemon(true);
    return thread;
  });
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final AtomicLong republished = new AtomicLong();
  private MqttAsyncClient client;

  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadGenerator()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ReferenceData fleet = ReferenceLoader.load(reference);
    List<FleetPayloads.Gateway> gateways = FleetPayloads.gateways(fleet, prefix, topicRoot);
    List<Outlet> outlets = fleet.outlets();
    connect();
    FleetPayloads.Sent sent = new FleetPayloads.Sent();
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
  private void sendOutletHour(Outlet outlet, int index, FleetPayloads.Sent sent) throws InterruptedException {
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
  private void sendGatewayPayload(FleetPayloads.Gateway gateway, int round, FleetPayloads.Sent sent)
      throws InterruptedException {
    long ts = round == 0 ? startAt : timestamp(gateway.lastTs);
    publish(gateway.topic, GatewayPayloads.utf8(fleetPayloads.gatewayPayload(gateway, round == 0, ts, sent)));
  }

  /** Waits for the broker's last acknowledgements, then prints the totals as one JSON line. */
  private int finish(FleetPayloads.Sent sent, long firstSend, double sendSeconds) throws Exception {
    if (!inFlight.tryAcquire(MAX_IN_FLIGHT, 120, TimeUnit.SECONDS)) {
      System.err.println("generator: the broker did not acknowledge every message within 120 s");
      return 1;
    }
    client.disconnect().waitForCompletion(10_000);
    client.close();
    System.err.printf("generator: done, %,d readings in %,d messages over %.1f s (%,.0f/s)%n", sent.readings,
        sent.messages, sendSeconds, sent.readings / sendSeconds);
    GeneratorSummary summary = FleetPayloads.summary(sent, startAt, firstSend, sendSeconds, republished.get());
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
