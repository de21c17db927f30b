package io.parkloop.launcher;

import io.parkloop.jobs.JobSettings;
import io.parkloop.launcher.pipeline.DatabaseOptions;
import io.parkloop.launcher.replay.Reconcile;
import io.parkloop.reference.ReferenceLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parkloop reconcile}: the stored late readings into the figures (see {@link Reconcile}). */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
    description = {"Brings the late readings (table late_reading) into the figures.",
        "Recomputes the calendar years they fall in from the stored readings and",
        "statistics, with the indicator job, and upserts those years' rows; then marks",
        "them reconciled. Idempotent; with nothing late it does nothing. `run` does the",
        "same on a schedule (--reconcile-every)."})
final class ReconcileCommand implements Callable<Integer> {
  @Mixin DatabaseOptions database;

  @Option(names = "--reference", defaultValue = "${env:PARKLOOP_REFERENCE:-reference.yaml}",
      description = "The reference data: parks, enterprises, meters, outlets (default: ${DEFAULT-VALUE}).")
  Path reference;

  @Override
  public Integer call() throws Exception {
    try (CommandDatabase db = CommandDatabase.open(database, false)) {
      System.out.println(new Reconcile(ReferenceLoader.load(reference), db.jdbcUrl(), JobSettings.fromEnvironment()).run().line());
    }
    return 0;
  }
}
