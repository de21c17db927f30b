package io.parkloop.launcher;

import io.parkloop.launcher.pipeline.DatabaseOptions;
import io.parkloop.reference.ReferenceLoader;
import io.parkloop.readside.report.ReportPeriod;
import io.parkloop.readside.report.StatisticsReport;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code parkloop report}: the statistician's workbook of a period (docs/acceptance.md, "The report"). */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Writes the statistician's workbook of a period: a sheet per level (province, region, city, "
        + "park level, park, enterprise) with Chinese and English column labels and units, the acceptance and "
        + "progress of the period's year, and a data quality sheet (missing monthly statistics, meters with gaps, "
        + "dead letters by reason). Sheets: docs/acceptance.md."})
final class ReportCommand implements Callable<Integer> {
  @Option(names = "--period", required = true, converter = PeriodConverter.class,
      description = "A year (2026), a quarter (2026-Q1) or a month (2026-03), in Asia/Shanghai time.")
  ReportPeriod period;

  @Option(names = "--format", defaultValue = "xlsx", description = "xlsx (the only format: a workbook of many sheets).")
  Format format;

  @Option(names = "--out", required = true, description = "The workbook file to write, e.g. report-2026-Q1.xlsx.")
  Path out;

  @Option(names = "--reference", description = "Take parks and targets from this reference.yaml instead of the database.")
  Path reference;

  @Mixin DatabaseOptions database;

  enum Format { xlsx }

  @Override
  public Integer call() throws Exception {
    try (CommandDatabase db = CommandDatabase.open(database, false);
        OutputStream file = new BufferedOutputStream(Files.newOutputStream(out))) {
      StatisticsReport.write(db.dataSource(), period, reference == null ? null : ReferenceLoader.load(reference),
          Instant.now(), file);
    }
    System.err.printf("parkloop: report of %s written to %s%n", period.label(), out);
    return 0;
  }

  static final class PeriodConverter implements ITypeConverter<ReportPeriod> {
    @Override
    public ReportPeriod convert(String value) {
      try {
        return ReportPeriod.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
