package io.parkloop.launcher;

import io.parkloop.launcher.pipeline.DatabaseOptions;
import io.parkloop.launcher.replay.Replay;
import io.parkloop.launcher.replay.ReplayFiles;
import io.parkloop.launcher.replay.ReplaySummary;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code parkloop replay}: files of past readings through the same pipeline, into the same database. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Replays files of readings and HJ 212 packets into the same database.",
        "Same ingest and indicator job as live, without Kafka or MQTT. A file's line",
        "order is its arrival order, so disorder and lateness are handled as live. Bad",
        "lines go to the table dead_letter with their reason. Give all readings of the",
        "periods the files cover: a replay recomputes those periods from them alone.",
        "Progress every 2 s on standard error, the summary on standard output."})
final class ReplayCommand implements Callable<Integer> {
  private static final long PROGRESS_SECONDS = 2;

  @Spec CommandSpec spec;

  @Mixin DatabaseOptions database;

  @Option(names = "--reference", defaultValue = "${env:PARKLOOP_REFERENCE:-reference.yaml}",
      description = "The reference data: parks, enterprises, meters, outlets (default: ${DEFAULT-VALUE}).")
  Path reference;

  @Option(names = "--readings", paramLabel = "FILE",
      description = "One MQTT reading payload per line: an object {\"meter\": .., \"ts\": .., \"value\": .., \"unit\": ..}"
          + " or a gateway's array of them (JSON Lines). The topic's enterprise check does not apply.")
  Path readings;

  @Option(names = "--hj212", paramLabel = "FILE",
      description = "One HJ 212 frame (##...CRC) per line, LF or CRLF, as analysers send them.")
  Path hj212;

  @Option(names = "--statistics", paramLabel = "FILE",
      description = "Monthly statistics CSV: enterprise,month,value_added_10k_cny,output_value_10k_cny,material_t.")
  Path statistics;

  @Option(names = "--waste", paramLabel = "FILE",
      description = "Monthly solid-waste and by-product CSV: enterprise,id,date,category,hw_code,flow,to,handler,tonnes."
          + " Bad lines go to dead_letter.")
  Path waste;

  @Override
  public Integer call() throws Exception {
    if (readings == null && hj212 == null) {
      throw new ParameterException(spec.commandLine(), "give --readings FILE, --hj212 FILE or both");
    }
    ReferenceData data = ReferenceLoader.load(reference);
    try (CommandDatabase db = CommandDatabase.open(database, true)) {
      Replay replay = new Replay(data, db.jdbcUrl());
      ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "parkloop-replay-progress");
        thread.setDaemon(true);
        return thread;
      });
      progress.scheduleAtFixedRate(() -> System.err.println(replay.progress()), PROGRESS_SECONDS, PROGRESS_SECONDS,
          TimeUnit.SECONDS);
      ReplaySummary summary;
      try {
        summary = replay.run(new ReplayFiles(readings, hj212, statistics, waste));
      } finally {
        progress.shutdownNow();
      }
      summary.print(System.out);
    }
    return 0;
  }
}
