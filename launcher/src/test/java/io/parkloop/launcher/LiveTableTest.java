package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.launcher.pipeline.LiveTable;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LiveTableTest {
  @Test
  void theLagLineShowsTheBacklogAndTheAgeOfTheNewestWrite() {
    assertThat(LiveTable.lagLine(OptionalLong.of(12_345), OptionalDouble.of(61.4)))
        .isEqualTo("job lag: 12,345 readings on Kafka not yet through | newest indicator write 61 s ago");
  }

  @Test
  void theLagLineSaysWhichServiceCannotAnswer() {
    assertThat(LiveTable.lagLine(OptionalLong.empty(), OptionalDouble.empty()))
        .isEqualTo("job lag: Kafka lag unknown (Kafka not answering) | no indicator write readable (database down or empty)");
  }
}
