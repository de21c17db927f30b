package io.parkloop.launcher;

import io.parkloop.embedded.LocalPostgres;
import io.parkloop.storage.Databases;
import io.parkloop.storage.ExportFilter;
import io.parkloop.storage.IndicatorExport;
import io.parkloop.storage.IndicatorRecord;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code parkloop export}: the indicator rows in the SPEC's long format. Reads the database of
 * a running parkloop on the data directory, or starts the embedded one on it for the export.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Writes indicator rows as CSV: scope_type,scope_id,period_type,period_start,indicator,value,unit.",
        "Periods start in Asia/Shanghai time."})
final class ExportCommand implements Callable<Integer> {
  @Mixin ServiceOptions services;

  @Option(names = "--scope-type", description = "enterprise | park | city | region | level | province")
  String scopeType;

  @Option(names = "--period-type", description = "hour | day | month | quarter | year | r24h | r30d | r12m")
  String periodType;

  @Option(names = "--from", description = "First day (Asia/Shanghai), e.g. 2026-03-01.")
  LocalDate from;

  @Option(names = "--to", description = "Last day (Asia/Shanghai), inclusive.")
  LocalDate to;

  @Option(names = "--out", description = "Write to this file instead of standard output.")
  Path out;

  @Override
  public Integer call() throws Exception {
    ExportFilter filter = new ExportFilter(scopeType, periodType, from, to);
    List<IndicatorRecord> rows;
    if (services.jdbc != null) {
      rows = IndicatorExport.query(Databases.dataSource(services.jdbc), filter);
    } else {
      rows = fromDataDir(filter);
    }
    try (Writer writer = out == null
        ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
        : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      int written = IndicatorExport.writeCsv(rows, writer);
      if (out != null) {
        System.err.printf("parkloop: %,d rows written to %s%n", written, out);
      }
    }
    return 0;
  }

  private List<IndicatorRecord> fromDataDir(ExportFilter filter) throws Exception {
    Path pgData = services.dataDir.toAbsolutePath().resolve("postgres");
    if (!Files.isDirectory(pgData)) {
      throw new IllegalStateException("no parkloop database in " + services.dataDir.toAbsolutePath()
          + "; run ./parkloop demo or ./parkloop run first, or pass --jdbc");
    }
    Optional<String> running = LocalPostgres.runningJdbcUrl(pgData);
    if (running.isPresent()) {
      return IndicatorExport.query(Databases.dataSource(running.get()), filter);
    }
    try (LocalPostgres postgres = LocalPostgres.start(pgData, services.pgPort)) {
      return IndicatorExport.query(postgres.dataSource(), filter);
    }
  }
}
