package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.avro.Reading;
import io.parkloop.ingest.IngestRecords;
import io.parkloop.ingest.IngestTopics;
import io.parkloop.ingest.Rejection;
import io.parkloop.launcher.replay.IngestedLine;
import io.parkloop.launcher.replay.Replay;
import io.parkloop.launcher.replay.ReplayFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which file a replay reads next: each in its own order, the one behind in time first. */
class ReplayArrivalOrderTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final IngestRecords RECORDS = new IngestRecords(IngestTopics.DEFAULT);

  @TempDir Path dir;

  /** A line "meter@minutes" is a reading of that meter at T0 plus those minutes; "bad" a dead letter. */
  private static ReplayFile.Ingest ingest() {
    return (payload, source) -> {
      String line = new String(payload, StandardCharsets.UTF_8);
      if (line.equals("bad")) {
        return List.of(RECORDS.deadLetter(Rejection.of(Rejection.MALFORMED_JSON, "test"), source, payload, T0));
      }
      String[] parts = line.split("@");
      return List.of(RECORDS.reading(Reading.newBuilder()
          .setMeter(parts[0]).setEnterprise("E1").setMedium("electricity").setReading("cumulative")
          .setTs(T0.plus(Duration.ofMinutes(Long.parseLong(parts[1])))).setValue(1).setUnit("kWh")
          .setReceivedAt(T0).setSource(source).build()));
    };
  }

  private List<String> order(String readings, String packets) throws Exception {
    List<ReplayFile> files = List.of(
        new ReplayFile(Files.writeString(dir.resolve("readings.jsonl"), readings), ingest()),
        new ReplayFile(Files.writeString(dir.resolve("packets.h212"), packets), ingest()));
    List<String> taken = new ArrayList<>();
    for (ReplayFile file = Replay.behind(files); file != null; file = Replay.behind(files)) {
      IngestedLine line = file.take();
      taken.add(line.readings().isEmpty() ? "bad" : line.readings().get(0).getMeter() + "@"
          + Duration.between(T0, line.readings().get(0).getTs()).toMinutes());
    }
    for (ReplayFile file : files) {
      file.close();
    }
    return taken;
  }

  @Test
  void theFileBehindInTimeGoesNextAndEachKeepsItsOwnOrder() throws Exception {
    assertThat(order("m@0\nm@60\nm@30\nm@120\nm@180\n", "o@45\nbad\no@150\n"))
        .containsExactly("m@0", "o@45", "bad", "m@60", "m@30", "m@120", "o@150", "m@180");
  }

  @Test
  void aFileBehindEverythingIsReadFirstWholeNotAfterTheOther() throws Exception {
    assertThat(order("m@600\nm@615\n", "o@0\no@60\n")).containsExactly("o@0", "o@60", "m@600", "m@615");
  }
}
