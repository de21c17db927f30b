package io.parkloop.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two hours of real analyser traffic (shared/hj212/, see its README) through the framer and the
 * decoder, read the way a TCP socket delivers it. The expected counts were established outside
 * this code, by splitting the files at CRLF and checking length and CRC with a separate script.
 */
class RealTrafficTest {
  /** A typical TCP segment, so packets straddle reads and several share one. */
  static final int READ_SIZE = 1460;

  static Traffic early;
  static Traffic late;

  @BeforeAll
  static void readBothFiles() throws IOException {
    Path dir = sharedHj212();
    early = Traffic.read(dir.resolve("2016-08-24-05.h212"));
    late = Traffic.read(dir.resolve("2016-08-24-15.h212"));
  }

  @Test
  void earlyHourDecodesEveryIntactPacketAndRejectsTheDamagedOnes() {
    assertThat(early.results).hasSize(8696);
    assertThat(early.dataByCn()).isEqualTo(Map.of("2011", 4521, "2051", 1780, "2061", 293));
    assertThat(early.otherByCn()).isEqualTo(Map.of("1013", 3, "2021", 889, "2072", 7,
        "2073", 4, "8013", 463, "9011", 4, "9012", 4, "9015", 724));
    // three packets that lost bytes in transit (their CRC fails too) and one probe, "##test…"
    assertThat(early.rejectedByReason()).isEqualTo(Map.of("bad_length", 4));
    assertThat(early.repliesByCn()).isEqualTo(Map.of("9014", 7, "9011", 3));
  }

  @Test
  void lateHourDecodesEveryIntactPacketAndRejectsTheDamagedOnes() {
    assertThat(late.results).hasSize(9135);
    assertThat(late.dataByCn())
        .isEqualTo(Map.of("2011", 4667, "2051", 1826, "2061", 300, "2031", 1));
    assertThat(late.otherByCn()).isEqualTo(Map.of("1013", 14, "2021", 1098, "2072", 12,
        "8013", 463, "9011", 5, "9012", 5, "9015", 741));
    assertThat(late.rejectedByReason()).isEqualTo(Map.of("bad_length", 3));
    assertThat(late.repliesByCn()).isEqualTo(Map.of("9014", 12, "9011", 14));
  }

  @Test
  void flueGasPacketWithCorrectedValuesAndSeventeenDigitTime() {
    Hj212Packet packet = early.packet("ZG130182201325", "2011", "2016-08-23T21:02:43Z");

    assertThat(packet.version()).isEqualTo(Hj212Version.HJT212_2005);
    assertThat(packet.qn()).isNull();
    assertThat(packet.flag()).isNull();
    assertThat(packet.values()).contains(
        new Hj212Value("a19001", "S01", "Rtd", 10.2, "N"),
        new Hj212Value("a34013", "01", "Rtd", 3.56, "N"),
        new Hj212Value("a34013", "01", "ZsRtd", 4.93, "N"),
        new Hj212Value("a21026", "02", "ZsRtd", 18.05, "N"),
        new Hj212Value("a21002", "03", "Rtd", 32.742, "N"),
        new Hj212Value("a00000", "B02", "Rtd", 38.57, null),
        new Hj212Value("a01013", "S08", "Rtd", 395.507813, "N"));
    assertThat(packet.values()).hasSize(13);
  }

  @Test
  void wastewaterPacketWithAFaultFlagAndFourteenDigitTime() {
    Hj212Packet packet = early.packet("ZG130102201215", "2011", "2016-08-23T20:51:30Z");

    assertThat(packet.values()).containsExactly(
        new Hj212Value("w00000", "B01", "Rtd", 0.00, "D"),
        new Hj212Value("w01018", "011", "Rtd", 32.00, "N"));
  }

  @Test
  void dayPacketCarriesLoadsAsCou() {
    Hj212Packet packet = late.packet("LD130182000295", "2031", "2015-07-25T16:00:00Z");

    assertThat(packet.period()).isEqualTo(Hj212Period.DAY);
    assertThat(packet.values()).contains(
        new Hj212Value("w00000", "B01", "Cou", 181.32, null),
        new Hj212Value("w01018", "011", "Cou", 12.32, null));
  }

  @Test
  void analyserWithItsClockInTheYear2000StillDecodes() {
    Hj212Packet packet = early.packet("LD130131000211", "2051", "2000-02-01T21:00:00Z");

    assertThat(packet.values()).contains(new Hj212Value("a00000", "B02", "Cou", 198231.17, null));
  }

  @Test
  void damagedPacketIsRejectedWithWhatIsWrong() {
    assertThat(late.results).contains(new Hj212Rejected("bad_length",
        "length field says 0138, data segment has 135 bytes"));
    assertThat(early.results).contains(new Hj212Rejected("bad_length",
        "length field 'test' is not 4 digits"));
  }

  record Traffic(List<Hj212Result> results, List<String> replies) {
    static Traffic read(Path file) throws IOException {
      Hj212Framer framer = new Hj212Framer();
      Hj212Decoder decoder = new Hj212Decoder();
      List<Hj212Result> results = new ArrayList<>();
      List<String> replies = new ArrayList<>();
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buffer = new byte[READ_SIZE];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          for (byte[] frame : framer.feed(buffer, 0, n)) {
            Hj212Result result = decoder.decode(frame);
            results.add(result);
            if (result instanceof Hj212Packet packet) {
              Hj212Replies.replyTo(packet).ifPresent(reply -> replies.add(
                  ((Hj212Packet) decoder.decode(reply)).cn()));
            }
          }
        }
      }
      return new Traffic(results, replies);
    }

    Map<String, Integer> dataByCn() {
      return countPackets(true);
    }

    Map<String, Integer> otherByCn() {
      return countPackets(false);
    }

    private Map<String, Integer> countPackets(boolean data) {
      Map<String, Integer> counts = new TreeMap<>();
      for (Hj212Result result : results) {
        if (result instanceof Hj212Packet packet && packet.isData() == data) {
          counts.merge(packet.cn(), 1, Integer::sum);
        }
      }
      return counts;
    }

    Map<String, Integer> rejectedByReason() {
      Map<String, Integer> counts = new TreeMap<>();
      for (Hj212Result result : results) {
        if (result instanceof Hj212Rejected rejected) {
          counts.merge(rejected.reason(), 1, Integer::sum);
        }
      }
      return counts;
    }

    Map<String, Integer> repliesByCn() {
      Map<String, Integer> counts = new TreeMap<>();
      replies.forEach(cn -> counts.merge(cn, 1, Integer::sum));
      return counts;
    }

    Hj212Packet packet(String mn, String cn, String dataTime) {
      return results.stream()
          .filter(r -> r instanceof Hj212Packet p && p.mn().equals(mn) && p.cn().equals(cn)
              && Instant.parse(dataTime).equals(p.dataTime()))
          .map(Hj212Packet.class::cast)
          .findFirst()
          .orElseThrow(() -> new AssertionError("no CN " + cn + " from " + mn + " at " + dataTime));
    }
  }

  /**
   * shared/hj212/ beside the repository: from the {@code parkloop.shared} property the parent POM
   * sets, else by walking up from the working directory (a run from an IDE).
   */
  static Path sharedHj212() {
    String configured = System.getProperty("parkloop.shared");
    if (configured != null && Files.isDirectory(Path.of(configured, "hj212"))) {
      return Path.of(configured, "hj212");
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("shared").resolve("hj212"))) {
        return dir.resolve("shared").resolve("hj212");
      }
    }
    return fail("shared/hj212 not found: set -Dparkloop.shared or run beside shared/");
  }
}
