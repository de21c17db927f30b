package io.parkloop.embedded;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class RequiredToolTest {
  private static final Path ABSENT = Path.of("/nonexistent/parkloop/mosquitto");

  @Test
  void aMissingToolFailsNamingTheProgramAndItsPackage() {
    assertThatThrownBy(() -> RequiredTool.require(ABSENT, "mosquitto", null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/nonexistent/parkloop/mosquitto is missing (Debian package mosquitto")
        .hasMessageContaining("PARKLOOP_MISSING_TOOLS_OK=mosquitto");
  }

  @Test
  void theOptOutSkipsOnlyTheToolsItNames() {
    assertThatThrownBy(() -> RequiredTool.require(ABSENT, "mosquitto", "mosquitto_pub, bash"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> RequiredTool.require(ABSENT, "mosquitto", ""))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> RequiredTool.require(ABSENT, "mosquitto", "mosquitto_pub,mosquitto"))
        .isInstanceOf(TestAbortedException.class);
    assertThatThrownBy(() -> RequiredTool.require(ABSENT, "mosquitto", "all"))
        .isInstanceOf(TestAbortedException.class);
  }

  @Test
  void anInstalledToolPassesWhateverTheOptOut() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");

    assertThatCode(() -> RequiredTool.require(java, "a JDK", null)).doesNotThrowAnyException();
  }
}
