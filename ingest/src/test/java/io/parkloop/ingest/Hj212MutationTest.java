package io.parkloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fuzz target's properties ({@link Hj212IngestProperties}) over deterministic mutations of
 * the real frames in the fuzz corpus: what a noisy line does to a packet (a flipped bit, a cut,
 * two packets run together), the same every run so that a failure reproduces from its seed.
 */
class Hj212MutationTest {
  private static final long SEED = 212;
  private static final String CORPUS = "Hj212FuzzTestInputs/everyFrameIsDecodedOrDeadLettered";
  private static List<byte[]> realFrames;

  @BeforeAll
  static void readCorpus() throws IOException, URISyntaxException {
    Path dir = Path.of(Hj212MutationTest.class.getResource(CORPUS).toURI());
    try (Stream<Path> files = Files.list(dir)) {
      realFrames = new ArrayList<>();
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("real-")).sorted().toList()) {
        realFrames.add(Files.readAllBytes(file));
      }
    }
    assertThat(realFrames).hasSizeGreaterThanOrEqualTo(300);
  }

  @Test
  void flippedBitsAreDecodedOrDeadLettered() {
    Random random = new Random(SEED);
    for (byte[] frame : realFrames) {
      for (int i = 0; i < 8; i++) {
        Hj212IngestProperties.assertEveryFrameDecodedOrDeadLettered(flipBit(frame, random));
      }
    }
  }

  @Test
  void truncatedFramesAreDecodedOrDeadLettered() {
    Random random = new Random(SEED + 1);
    for (byte[] frame : realFrames) {
      for (int i = 0; i < 4; i++) {
        Hj212IngestProperties.assertEveryFrameDecodedOrDeadLettered(
            Arrays.copyOf(frame, random.nextInt(frame.length)));
      }
    }
  }

  @Test
  void splicedFramesAreDecodedOrDeadLettered() {
    Random random = new Random(SEED + 2);
    for (byte[] frame : realFrames) {
      for (int i = 0; i < 4; i++) {
        byte[] other = realFrames.get(random.nextInt(realFrames.size()));
        Hj212IngestProperties.assertEveryFrameDecodedOrDeadLettered(splice(frame, other, random));
      }
    }
  }

  /** A whole connection's worth of damaged traffic: the framer must find every packet again. */
  @Test
  void aDamagedStreamLosesOnlyTheDamagedFrames() {
    Random random = new Random(SEED + 3);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    int damaged = 0;
    for (byte[] frame : realFrames) {
      boolean damage = random.nextInt(4) == 0;
      stream.writeBytes(damage ? flipBit(frame, random) : frame);
      damaged += damage ? 1 : 0;
    }
    byte[] bytes = stream.toByteArray();

    Hj212IngestProperties.assertEveryFrameDecodedOrDeadLettered(bytes);
    // a flipped bit can turn CRLF into something else (two frames become one) or make a ##
    // (one becomes two): never more than one frame gained or lost per damaged one
    assertThat(Hj212IngestProperties.frames(bytes).size())
        .isBetween(realFrames.size() - damaged, realFrames.size() + damaged);
  }

  private static byte[] flipBit(byte[] frame, Random random) {
    byte[] copy = frame.clone();
    int bit = random.nextInt(copy.length * 8);
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return copy;
  }

  private static byte[] splice(byte[] head, byte[] tail, Random random) {
    int cut = random.nextInt(head.length);
    int from = random.nextInt(tail.length);
    byte[] spliced = Arrays.copyOf(head, cut + tail.length - from);
    System.arraycopy(tail, from, spliced, cut, tail.length - from);
    return spliced;
  }
}
