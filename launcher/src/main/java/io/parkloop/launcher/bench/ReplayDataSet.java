package io.parkloop.launcher.bench;

import io.parkloop.ingest.ReadingTopic;
import io.parkloop.reference.ReferenceData;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A readings file for {@code parkloop replay} from the bench fleet: one line per gateway payload,
 * round after round, every gateway's round {@code step} after the last (the same payloads the
 * load generator sends, see {@link FleetPayloads}), in time order as a file of arrivals is.
 * The first round is the baseline; {@code start} lies on an hour's start and {@code step}
 * divides an hour, so every hour begins with a round and no consumption spans an hour boundary:
 * the totals the file adds up to are exact.
 */
final class ReplayDataSet {
  private ReplayDataSet() {}

  /** What the file holds, and the totals the database must end with. */
  record Written(Path file, GeneratorSummary sent, double writeSeconds) {}

  static Written write(Path file, ReferenceData fleet, String prefix, long readings, long startMillis, Duration step)
      throws IOException {
    if (Math.floorMod(startMillis, 3_600_000L) != 0 || 3_600_000L % step.toMillis() != 0) {
      throw new IllegalArgumentException("the data set must start on an hour and its step divide an hour");
    }
    long began = System.nanoTime();
    FleetPayloads payloads = new FleetPayloads();
    List<FleetPayloads.Gateway> gateways = FleetPayloads.gateways(fleet, prefix, ReadingTopic.READINGS_PREFIX);
    FleetPayloads.Sent sent = new FleetPayloads.Sent();
    sent.lastTs = startMillis;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int round = 0; sent.readings < readings; round++) {
        long ts = startMillis + round * step.toMillis();
        for (FleetPayloads.Gateway gateway : gateways) {
          out.append(payloads.gatewayPayload(gateway, round == 0, ts, sent)).append('\n');
          if (sent.readings >= readings) {
            break;
          }
        }
      }
    }
    return new Written(file, FleetPayloads.summary(sent, startMillis, startMillis, 0, 0),
        (System.nanoTime() - began) / 1e9);
  }
}
