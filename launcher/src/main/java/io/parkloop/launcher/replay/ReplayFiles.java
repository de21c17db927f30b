package io.parkloop.launcher.replay;

import java.nio.file.Path;

/**
 * The inputs of a replay; any but one of readings and HJ 212 packets may be null.
 *
 * @param readings one MQTT reading payload per line (an object or a gateway's array)
 * @param hj212 one HJ 212 frame per line
 * @param statistics monthly statistics CSV (SPEC "Statistics")
 * @param waste monthly waste CSV (docs/ingest.md "Solid waste and by-products")
 */
public record ReplayFiles(Path readings, Path hj212, Path statistics, Path waste) {
  public ReplayFiles {
    if (readings == null && hj212 == null) {
      throw new IllegalArgumentException("a replay needs a file of readings or of HJ 212 packets");
    }
  }

  public ReplayFiles(Path readings, Path hj212, Path statistics) {
    this(readings, hj212, statistics, null);
  }
}
