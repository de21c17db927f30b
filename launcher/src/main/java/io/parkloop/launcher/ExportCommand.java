package io.parkloop.launcher;

import io.parkloop.launcher.pipeline.DatabaseOptions;
import io.parkloop.readside.ExportFilter;
import io.parkloop.readside.ExportFormat;
import io.parkloop.readside.IndicatorExport;
import io.parkloop.storage.IndicatorRecord;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code parkloop export}: the indicator rows in the SPEC's long format. Reads the database of
 * a running parkloop on the data directory, or starts the embedded one on it for the export.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Writes indicator rows as CSV, JSON or XLSX; all rows unless filtered.",
        "Fields: scope_type,scope_id,period_type,period_start,indicator,value,unit;",
        "periods start in Asia/Shanghai time."})
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DatabaseOptions database;

  @Option(names = "--scope-type", description = "enterprise | park | city | region | level | province")
  String scopeType;

  @Option(names = "--scope-id", description = "One scope, e.g. a park's or an enterprise's id.")
  String scopeId;

  @Option(names = "--period-type", description = "hour | day | month | quarter | year | r24h | r30d | r12m")
  String periodType;

  @Option(names = "--from", description = "First day (Asia/Shanghai), e.g. 2026-03-01.")
  LocalDate from;

  @Option(names = "--to", description = "Last day (Asia/Shanghai), inclusive.")
  LocalDate to;

  @Option(names = "--format", defaultValue = "csv", converter = ExportFormatConverter.class,
      description = "csv (default), json (an array of objects with the same fields) or xlsx (needs --out).")
  ExportFormat format;

  @Option(names = "--out", description = "Write to this file instead of standard output.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (format.binary() && out == null) {
      throw new ParameterException(spec.commandLine(), "--format " + name(format)
          + " writes a binary workbook: give it a file with --out FILE");
    }
    ExportFilter filter = new ExportFilter(scopeType, scopeId, periodType, from, to);
    List<IndicatorRecord> rows;
    try (CommandDatabase db = CommandDatabase.open(database, false)) {
      rows = IndicatorExport.query(db.dataSource(), filter);
    }
    if (out == null) {
      format.write(rows, System.out);
    } else {
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out))) {
        format.write(rows, file);
      }
      System.err.printf("parkloop: %,d rows written to %s%n", rows.size(), out);
    }
    return 0;
  }

  static String name(ExportFormat format) {
    return format.name().toLowerCase(Locale.ROOT);
  }

  /** Lower-case names on the command line, as the SPEC writes them. */
  static final class ExportFormatConverter implements ITypeConverter<ExportFormat> {
    @Override
    public ExportFormat convert(String value) {
      for (ExportFormat format : ExportFormat.values()) {
        if (name(format).equalsIgnoreCase(value)) {
          return format;
        }
      }
      throw new TypeConversionException("'" + value + "' is not csv, json or xlsx");
    }
  }
}
