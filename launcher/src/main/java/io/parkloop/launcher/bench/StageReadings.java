package io.parkloop.launcher.bench;

import io.parkloop.avro.Reading;
import io.parkloop.ingest.IngestRecords;
import io.parkloop.ingest.IngestTopics;
import io.parkloop.reference.Meter;
import io.parkloop.reference.ReferenceData;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The fleet's readings as the bridge writes them to Kafka (Avro, keyed by meter), for the stages
 * that start at Kafka: round after round of every meter, spaced as the end-to-end run spaces
 * them at the offered rate, ending now, so the job does the same work per reading.
 */
final class StageReadings {
  private static final IngestRecords RECORDS = new IngestRecords(IngestTopics.DEFAULT);
  private final List<Meter> meters;
  private final long[] counters;
  private final long stepMillis;
  private final long startMillis;

  StageReadings(ReferenceData fleet, String prefix, long readings, double rate) {
    this.meters = fleet.meters().stream().filter(m -> !m.enterprise().equals(BenchFleet.warmUpEnterprise(prefix))).toList();
    this.counters = new long[meters.size()];
    this.stepMillis = Math.max(1, Math.round(meters.size() * 1000.0 / rate));
    long rounds = (readings + meters.size() - 1) / meters.size();
    this.startMillis = System.currentTimeMillis() - rounds * stepMillis;
  }

  /** The {@code n}-th reading (0-based); call in order. */
  ProducerRecord<byte[], byte[]> record(long n) {
    int index = (int) (n % meters.size());
    long ts = startMillis + n / meters.size() * stepMillis;
    Meter meter = meters.get(index);
    double value = switch (FleetPayloads.role(meter)) {
      case CLOCK -> ts / 1000.0;
      case COUNTER -> counters[index] += 1 + n % 9;
      case INTERVAL -> (1 + n % 9) / 1000.0;
    };
    return RECORDS.reading(Reading.newBuilder()
        .setMeter(meter.id())
        .setEnterprise(meter.enterprise())
        .setMedium(meter.medium().id())
        .setReading(meter.cumulative() ? "cumulative" : "interval")
        .setTs(Instant.ofEpochMilli(ts))
        .setValue(value)
        .setUnit(meter.medium().canonicalUnit())
        .setReceivedAt(Instant.ofEpochMilli(ts))
        .setSource("bench:stage")
        .build());
  }
}
