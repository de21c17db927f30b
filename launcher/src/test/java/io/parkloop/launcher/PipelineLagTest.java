package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.launcher.pipeline.PipelineLag;
import org.junit.jupiter.api.Test;

class PipelineLagTest {
  @Test
  void anInterruptedGaugeReadReadsEmptyAndKeepsTheInterrupt() {
    // nothing listens on port 1: the lag query is sent but never answered
    try (PipelineLag lag = new PipelineLag("127.0.0.1:1", null)) {
      Thread.currentThread().interrupt();
      assertThat(lag.readingsBehind()).isEmpty();
      assertThat(Thread.interrupted()).as("interrupt flag after the read").isTrue();
    }
  }
}
