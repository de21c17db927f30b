package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.launcher.replay.ByteLines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ByteLinesTest {
  @TempDir Path dir;

  @Test
  void splitsOnLfAndCrlfKeepsBlankLinesAndTheBytesAsWritten() throws Exception {
    Path file = dir.resolve("mixed.txt");
    byte[] latin1 = {'c', 'a', 'f', (byte) 0xE9};
    Files.write(file, concat("a\r\n\nb\n".getBytes(StandardCharsets.US_ASCII), latin1));

    List<String> lines = new ArrayList<>();
    try (ByteLines reader = new ByteLines(file)) {
      for (byte[] line = reader.next(); line != null; line = reader.next()) {
        lines.add(reader.number() + ":" + new String(line, StandardCharsets.ISO_8859_1));
      }
    }

    assertThat(lines).containsExactly("1:a", "2:", "3:b", "4:café");
    assertThat(ByteLines.count(file)).isEqualTo(4);
  }

  @Test
  void aFinalLineEndDoesNotMakeAnotherLine() throws Exception {
    Path file = Files.writeString(dir.resolve("two.txt"), "x\ny\n");

    assertThat(ByteLines.count(file)).isEqualTo(2);
    assertThat(ByteLines.count(Files.writeString(dir.resolve("empty.txt"), ""))).isZero();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
