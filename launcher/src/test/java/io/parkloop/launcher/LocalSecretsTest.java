package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.launcher.pipeline.LocalSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSecretsTest {
  @Test
  void madeOnceAtRandomOwnerOnlyAndKept(@TempDir Path dataDir) throws Exception {
    LocalSecrets first = LocalSecrets.of(dataDir.resolve("data"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file()))).isEqualTo("rw-------");
    assertThat(first.get(LocalSecrets.GRAFANA_PASSWORD)).hasSize(24);
    assertThat(first.get(LocalSecrets.STATISTICIAN_TOKEN)).startsWith("plk_").hasSizeGreaterThan(40);

    LocalSecrets again = LocalSecrets.of(dataDir.resolve("data"));
    assertThat(again.get(LocalSecrets.GRAFANA_PASSWORD)).isEqualTo(first.get(LocalSecrets.GRAFANA_PASSWORD));
    assertThat(again.get(LocalSecrets.STATISTICIAN_TOKEN)).isEqualTo(first.get(LocalSecrets.STATISTICIAN_TOKEN));

    LocalSecrets elsewhere = LocalSecrets.of(dataDir.resolve("other"));
    assertThat(elsewhere.get(LocalSecrets.GRAFANA_PASSWORD)).isNotEqualTo(first.get(LocalSecrets.GRAFANA_PASSWORD));
  }

  @Test
  void theStartUpLineSaysWhereTheyAreButNotWhatTheyAre(@TempDir Path dataDir) throws Exception {
    LocalSecrets secrets = LocalSecrets.of(dataDir);
    assertThat(secrets.describe()).contains(secrets.file().toString())
        .doesNotContain(secrets.get(LocalSecrets.GRAFANA_PASSWORD), secrets.get(LocalSecrets.STATISTICIAN_TOKEN));
  }
}
