package io.parkloop.launcher;

import io.parkloop.jobs.JobSettings;
import io.parkloop.launcher.pipeline.DatabaseOptions;
import io.parkloop.launcher.replay.DayCorrectionsTopic;
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
        "same on a schedule (--reconcile-every).",
        "The reconciled day totals also go to Kafka for the live indicator job, which",
        "would otherwise overwrite the reconciled months; when Kafka cannot be reached the",
        "database is still corrected, the output says so, and the late readings stay",
        "unreconciled until a reconciliation can publish them."})
final class ReconcileCommand implements Callable<Integer> {
  @Mixin DatabaseOptions database;

  @Option(names = "--reference", defaultValue = "${env:PARKLOOP_REFERENCE:-reference.yaml}",
      description = "The reference data: parks, enterprises, meters, outlets (default: ${DEFAULT-VALUE}).")
  Path reference;

  @Option(names = "--kafka", defaultValue = "${env:PARKLOOP_KAFKA:-127.0.0.1:19092}",
      description = "The Kafka the live jobs read, where the day corrections go (default: ${DEFAULT-VALUE},"
          + " the embedded broker of `run`).")
  String kafka;

  @Override
  public Integer call() throws Exception {
    try (CommandDatabase db = CommandDatabase.open(database, false)) {
      System.out.println(new Reconcile(ReferenceLoader.load(reference), db.jdbcUrl(), JobSettings.fromEnvironment())
          .publishingTo(new DayCorrectionsTopic(kafka)).run().line());
    }
    return 0;
  }
}
