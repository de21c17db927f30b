package io.parkloop.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Any text given as reference.yaml either loads or is refused with a {@link
 * ReferenceDataException} that names the file, a line of it and a key; no other exception may
 * escape, since the watcher of a running bridge keeps the previous data only on that one.
 *
 * <p>Without JAZZER_FUZZ this replays the corpus in {@code ReferenceLoaderFuzzTestInputs}
 * (sample files and every input that once failed); docs/reliability.md tells how to fuzz.
 */
class ReferenceLoaderFuzzTest {
  private static final String FILE = "fuzzed.yaml";

  @FuzzTest(maxDuration = "8s")
  @Timeout(60)
  void loadsOrNamesFileLineAndKey(byte[] input) {
    String yaml = new String(input, StandardCharsets.UTF_8);
    try {
      ReferenceData data = ReferenceLoader.parse(FILE, yaml);
      assertThat(data.parks()).isNotEmpty();
    } catch (ReferenceDataException e) {
      assertThat(e.file()).isEqualTo(FILE);
      assertThat(e.line()).isBetween(1, lineCount(yaml) + 1);
      assertThat(e.key()).isNotBlank();
      assertThat(e.getMessage()).startsWith(FILE + ":" + e.line() + ": " + e.key() + ": ");
    }
  }

  private static int lineCount(String text) {
    return text.split("\r\n|\r|\n|\u0085|\u2028|\u2029", -1).length;
  }
}
