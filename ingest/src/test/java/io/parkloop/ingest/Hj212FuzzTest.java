package io.parkloop.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Bytes as an analyser's TCP connection (or an MQTT relay) delivers them, through the HJ 212
 * framer, decoder and ingest: see {@link Hj212IngestProperties} for what must hold. Jazzer makes
 * the {@code @Timeout} its per-input limit too, so a hang is a finding (the limit must also cover
 * the whole fuzzing run, which JUnit times as one invocation).
 *
 * <p>Without JAZZER_FUZZ this replays the corpus in {@code Hj212FuzzTestInputs}: 300 frames of
 * real traffic (shared/hj212), hand-made 2017/2025 frames and every input that once failed.
 */
class Hj212FuzzTest {
  @FuzzTest(maxDuration = "8s")
  @Timeout(60)
  void everyFrameIsDecodedOrDeadLettered(byte[] stream) {
    Hj212IngestProperties.assertEveryFrameDecodedOrDeadLettered(stream);
  }
}
