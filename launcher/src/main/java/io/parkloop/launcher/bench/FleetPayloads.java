package io.parkloop.launcher.bench;

import io.parkloop.reference.Meter;
import io.parkloop.reference.ReferenceData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bench fleet's devices and what they have sent, whether over MQTT ({@link LoadGenerator})
 * or into a file for a replay ({@link ReplayDataSet}): each gateway's payload of a round and the
 * totals the database must end with ({@link Sent}). Every value is a whole number of thousandths,
 * so the totals are exact.
 */
final class FleetPayloads {
  private final GatewayPayloads payloads = new GatewayPayloads();
  private long random = 0x9E3779B97F4A7C15L;

  /** A gateway and its meters' state: counters, and the last timestamp it sent. */
  static final class Gateway {
    final String topic;
    final String[] meters;
    final BenchFleet.Role[] roles;
    final long[] counters;
    long lastTs;

    Gateway(String topic, List<Meter> meters) {
      this.topic = topic;
      this.meters = meters.stream().map(Meter::id).toArray(String[]::new);
      this.roles = meters.stream().map(FleetPayloads::role).toArray(BenchFleet.Role[]::new);
      this.counters = new long[meters.size()];
      for (int i = 0; i < counters.length; i++) {
        counters[i] = 100_000 + i;
      }
    }
  }

  /** What has been sent so far: the totals the pipeline's output must add up to. */
  static final class Sent {
    final Set<String> outletHours = new HashSet<>();
    long readings;
    long messages;
    long hj212Readings;
    long electricity;
    long steam;
    long codKg;
    long lastTs;
  }

  static BenchFleet.Role role(Meter meter) {
    return switch (meter.medium()) {
      case NATURAL_GAS -> BenchFleet.Role.CLOCK;
      case STEAM -> BenchFleet.Role.INTERVAL;
      default -> BenchFleet.Role.COUNTER;
    };
  }

  /** The fleet's gateways, one per enterprise, the warm-up enterprise left out; topics under {@code topicRoot}. */
  static List<Gateway> gateways(ReferenceData fleet, String prefix, String topicRoot) {
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

  /**
   * One reading of each of the gateway's meters at {@code ts}, as one payload; counted in {@code sent}.
   * The first round is the baseline: counters do not move.
   */
  StringBuilder gatewayPayload(Gateway gateway, boolean baseline, long ts, Sent sent) {
    String tsText = payloads.timestamp(ts);
    StringBuilder json = new StringBuilder(gateway.meters.length * 96);
    boolean array = gateway.meters.length > 1;
    json.append(array ? "[" : "");
    for (int i = 0; i < gateway.meters.length; i++) {
      long next = nextRandom();
      json.append(i == 0 ? "" : ",");
      switch (gateway.roles[i]) {
        case CLOCK -> GatewayPayloads.appendReading(json, gateway.meters[i], tsText,
            GatewayPayloads.thousandths(ts), "m3");
        case COUNTER -> {
          long increment = baseline ? 0 : 1 + Math.floorMod(next, 9);
          gateway.counters[i] += increment;
          sent.electricity += increment;
          GatewayPayloads.appendReading(json, gateway.meters[i], tsText, Long.toString(gateway.counters[i]), "kWh");
        }
        case INTERVAL -> {
          long thousandths = 1 + Math.floorMod(next >>> 8, 9);
          sent.steam += thousandths;
          GatewayPayloads.appendReading(json, gateway.meters[i], tsText, GatewayPayloads.thousandths(thousandths), "t");
        }
      }
    }
    json.append(array ? "]" : "");
    gateway.lastTs = ts;
    sent.lastTs = Math.max(sent.lastTs, ts);
    sent.readings += gateway.meters.length;
    sent.messages++;
    return json;
  }

  /** xorshift64: cheap, and the same sequence in every run. */
  private long nextRandom() {
    random ^= random << 13;
    random ^= random >>> 7;
    random ^= random << 17;
    return random;
  }

  /** What was sent, as the totals check takes it. */
  static GeneratorSummary summary(Sent sent, long startMillis, long firstSendMillis, double sendSeconds,
      long republished) {
    return new GeneratorSummary(sent.readings, sent.messages, sent.hj212Readings, startMillis, firstSendMillis,
        sent.lastTs, sendSeconds, sent.electricity, sent.steam, sent.codKg, republished);
  }
}
