package io.parkloop.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceWatcherTest {
  private static final String ONE_METER = """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
      enterprises:
        - {id: E001, park: SIP}
      meters:
        - {id: E001-ELEC, enterprise: E001, medium: electricity, reading: cumulative, unit: kWh}
      """;

  @Test
  void picksUpAChangedFileAndKeepsTheGoodDataWhenTheNewOneIsBroken(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("reference.yaml");
    Files.writeString(file, ONE_METER);
    List<String> reports = new ArrayList<>();
    try (ReferenceWatcher watcher = new ReferenceWatcher(file, 3_600_000, reports::add)) {
      assertThat(watcher.get().meter("E001-GAS")).isEmpty();

      write(file, ONE_METER + "  - {id: E001-GAS, enterprise: E001, medium: natural_gas, reading: cumulative}\n", 1);
      watcher.reloadIfChanged();
      assertThat(watcher.get().meter("E001-GAS")).isPresent();

      write(file, ONE_METER + "  - {id: E001-X, enterprise: E999, medium: natural_gas, reading: cumulative}\n", 2);
      watcher.reloadIfChanged();
      assertThat(watcher.get().meter("E001-GAS")).isPresent();
      assertThat(reports.get(reports.size() - 1))
          .contains("NOT reloaded").contains("reference.yaml:7: meters[1].enterprise: unknown enterprise 'E999'");
    }
  }

  /** Writes and moves the modification time on, so that a coarse file clock still sees the change. */
  private static void write(Path file, String text, int generation) throws Exception {
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + generation * 1000L));
  }
}
