package io.parkloop.launcher;

import io.parkloop.launcher.pipeline.DatabaseOptions;
import io.parkloop.readside.Migrations;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import io.parkloop.storage.Databases;
import io.parkloop.storage.ReferenceTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code parkloop migrate}: the deployed database's one-shot set-up step, before the bridge and
 * the jobs start. Applies the pending migrations and, given reference data, mirrors it into the
 * reference tables (parks, enterprises, meters; what export, acceptance and the dashboards join).
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
    description = {"Brings the database to the current schema (the pending migrations, in order) and exits.",
        "With --reference also mirrors the reference data into the park, enterprise and meter tables.",
        "Run it before `parkloop bridge` and the Flink jobs, and again after an upgrade or a reference change."})
final class MigrateCommand implements Callable<Integer> {
  /** A database that is still starting (a container next to this one) gets this long. */
  private static final Duration PATIENCE = Duration.ofMinutes(2);

  @Mixin DatabaseOptions database;

  @Option(names = "--reference", defaultValue = "${env:PARKLOOP_REFERENCE}",
      description = "Reference data to mirror into the database (env PARKLOOP_REFERENCE; default: none).")
  Path reference;

  @Override
  public Integer call() throws Exception {
    // read and check the file first, so a broken one fails before the schema changes
    ReferenceData data = reference == null ? null : ReferenceLoader.load(reference);
    try (CommandDatabase db = CommandDatabase.open(database, true)) {
      DataSource dataSource = db.dataSource();
      Databases.awaitReachable(dataSource, PATIENCE);
      int applied = Migrations.migrate(dataSource);
      System.out.println("parkloop: " + applied + " migration(s) applied; the schema is at version "
          + schemaVersion(dataSource) + " on " + withoutPassword(db.jdbcUrl()));
      if (data != null) {
        ReferenceTables.sync(dataSource, data);
        System.out.println("parkloop: reference data " + reference + " mirrored: " + data.parks().size() + " parks, "
            + data.enterprises().size() + " enterprises, " + data.meters().size() + " meters");
      }
    }
    return 0;
  }

  private static String schemaVersion(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("select version from flyway_schema_history where success"
            + " and version is not null order by installed_rank desc limit 1")) {
      return row.next() ? row.getString(1) : "(none)";
    }
  }

  /** The URL as printed: its password replaced, since output ends up in logs. */
  static String withoutPassword(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
  }
}
