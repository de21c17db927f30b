package io.parkloop.launcher;

import io.parkloop.launcher.pipeline.DatabaseOptions;
import io.parkloop.reference.ReferenceLoader;
import io.parkloop.readside.acceptance.AcceptanceQueries;
import io.parkloop.readside.acceptance.ParkResult;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import picocli.CommandLine.Option;

/** Which year to assess and where the targets come from: the options {@code acceptance} and {@code progress} share. */
class AssessmentOptions {
  @Option(names = "--year", description = "The year to assess (default: the current year, shown year to date).")
  Integer year;

  @Option(names = "--reference", description = "Take parks and targets from this reference.yaml instead of the database "
      + "(which holds those of the last run, demo or replay).")
  Path reference;

  int year(Instant now) {
    return year != null ? year : AcceptanceQueries.currentYear(now);
  }

  /** Every park's results for the year, from the database the options name (started if it is the embedded one). */
  List<ParkResult> assess(DatabaseOptions database, int year, Instant now) throws Exception {
    try (CommandDatabase db = CommandDatabase.open(database, false)) {
      return assess(db.dataSource(), year, now);
    }
  }

  List<ParkResult> assess(DataSource dataSource, int year, Instant now) throws SQLException {
    return reference == null ? AcceptanceQueries.assess(dataSource, year, now)
        : AcceptanceQueries.assess(dataSource, ReferenceLoader.load(reference), year, now);
  }
}
