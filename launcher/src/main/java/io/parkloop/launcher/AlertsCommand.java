package io.parkloop.launcher;

import io.parkloop.launcher.pipeline.DatabaseOptions;
import io.parkloop.readside.AlertExport;
import io.parkloop.readside.AlertFilter;
import io.parkloop.readside.AlertQueries;
import io.parkloop.storage.AlertRecord;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parkloop alerts}: lists alerts from the {@code alerts} table; {@code parkloop alerts ack}
 * acknowledges one. Like {@code export}, it reads the database of a running parkloop on the data
 * directory, starts the embedded one on it for the command, or uses {@code --jdbc}.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true, subcommands = AlertsCommand.Ack.class,
    description = {"Lists alerts (concentration, permit, silence, data_quality), newest first.",
        "Times in Asia/Shanghai. 'alerts ack ID --by NAME' acknowledges one."})
final class AlertsCommand implements Callable<Integer> {
  @Mixin DatabaseOptions database;

  @Option(names = "--from", description = "Alerts open on or after this day (Asia/Shanghai), e.g. 2026-03-01.")
  LocalDate from;

  @Option(names = "--to", description = "Alerts opened on or before this day (Asia/Shanghai), inclusive.")
  LocalDate to;

  @Option(names = "--kind", description = "concentration | permit | silence | data_quality | treatment_stopped")
  String kind;

  @Option(names = "--open", description = "Only alerts that are still open.")
  boolean open;

  @Option(names = "--format", defaultValue = "csv", description = "csv | json (default: ${DEFAULT-VALUE}).")
  Format format;

  enum Format { csv, json }

  @Override
  public Integer call() throws Exception {
    List<AlertRecord> alerts;
    try (CommandDatabase db = CommandDatabase.open(database, false)) {
      alerts = AlertQueries.list(db.dataSource(), new AlertFilter(from, to, kind, open));
    }
    Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
    if (format == Format.json) {
      AlertExport.writeJson(alerts, out);
    } else {
      AlertExport.writeCsv(alerts, out);
    }
    return 0;
  }

  @Command(name = "ack", mixinStandardHelpOptions = true,
      description = "Acknowledges an alert: records who saw it and when. A rise in severity asks for a new one.")
  static final class Ack implements Callable<Integer> {
    @Mixin DatabaseOptions database;

    @Parameters(paramLabel = "ID", description = "The alert's id, as 'parkloop alerts' lists it.")
    String id;

    @Option(names = "--by", required = true, description = "Who acknowledges it.")
    String by;

    @Override
    public Integer call() throws Exception {
      try (CommandDatabase db = CommandDatabase.open(database, false)) {
        if (!AlertQueries.acknowledge(db.dataSource(), id, by)) {
          throw new IllegalArgumentException("no alert with id " + id);
        }
      }
      System.err.println("parkloop: alert " + id + " acknowledged by " + by);
      return 0;
    }
  }
}
