package io.parkloop.launcher.pipeline;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the database is: the embedded PostgreSQL under the data directory by default, an external
 * one by flag or environment. All that {@code export} and {@code replay} need; {@link ServiceOptions}
 * adds the other services for {@code run} and {@code demo}.
 */
public class DatabaseOptions {
  @Option(names = "--data-dir", defaultValue = "${env:PARKLOOP_DATA_DIR:-parkloop-data}",
      description = "Directory of the embedded services' data (default: ${DEFAULT-VALUE}).")
  public Path dataDir;

  @Option(names = "--jdbc", defaultValue = "${env:PARKLOOP_JDBC}",
      description = "External PostgreSQL/TimescaleDB JDBC URL with user and password (default: an embedded PostgreSQL).")
  public String jdbc;

  @Option(names = "--pg-port", defaultValue = "15432", description = "Port of the embedded PostgreSQL (default: ${DEFAULT-VALUE}).")
  public int pgPort;

  /** The embedded PostgreSQL's cluster directory. */
  public Path postgresDir() {
    return dataDir.toAbsolutePath().resolve("postgres");
  }
}
