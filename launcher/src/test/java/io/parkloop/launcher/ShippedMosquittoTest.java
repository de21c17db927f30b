package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ClusterIT's Mosquitto runs deploy/mosquitto/mosquitto.conf with only its mount point and listener ports changed. */
class ShippedMosquittoTest {
  private static final Path SHIPPED = Path.of(System.getProperty("user.dir")).resolve("../deploy/mosquitto/mosquitto.conf");

  @Test
  void onlyTheMountPointAndTheListenerPortsChange() throws Exception {
    List<String> shipped = Files.readAllLines(SHIPPED);
    List<String> installed = ShippedMosquitto.installed(Files.readString(SHIPPED), Path.of("/srv/test"), 21883, 21884)
        .lines().toList();

    assertThat(installed).hasSameSizeAs(shipped).contains("listener 21883", "listener 21884",
        "password_file /srv/test/secrets/passwd", "acl_file /srv/test/config/acl",
        "persistence_location /srv/test/data/", "allow_anonymous false");
    for (int i = 0; i < shipped.size(); i++) {
      String line = shipped.get(i);
      if (!line.contains("/mosquitto/") && !line.equals("listener 1883") && !line.equals("listener 8883")) {
        assertThat(installed.get(i)).as("line %d", i + 1).isEqualTo(line);
      }
    }
    assertThat(installed).noneMatch(line -> line.contains(" /mosquitto/"));
  }

  @Test
  void aShippedFileWithoutTheExpectedListenerIsNamed() {
    assertThatThrownBy(() -> ShippedMosquitto.installed("listener 1884\n", Path.of("/srv/test"), 1, 2))
        .hasMessageContaining("no line 'listener 1883'");
  }
}
