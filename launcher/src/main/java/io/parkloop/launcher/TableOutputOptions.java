package io.parkloop.launcher;

import io.parkloop.readside.table.Table;
import io.parkloop.readside.table.TableFormat;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** {@code --format} and {@code --out} of the commands that write one table. */
class TableOutputOptions {
  @Option(names = "--format", defaultValue = "csv", converter = FormatConverter.class,
      description = "csv (default), json (an array of objects) or xlsx (a workbook; needs --out).")
  TableFormat format;

  @Option(names = "--out", description = "Write to this file instead of standard output.")
  Path out;

  /** Checks the options before any work is done: a workbook needs a file. */
  void check(CommandSpec spec) {
    if (format.binary() && out == null) {
      throw new ParameterException(spec.commandLine(), "--format " + format + " writes a binary workbook:"
          + " give it a file with --out FILE");
    }
  }

  void write(Table table) throws IOException {
    if (out == null) {
      format.write(table, System.out);
      return;
    }
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out))) {
      format.write(table, file);
    }
    System.err.printf("parkloop: %,d rows written to %s%n", table.rows().size(), out);
  }

  static final class FormatConverter implements ITypeConverter<TableFormat> {
    @Override
    public TableFormat convert(String value) {
      try {
        return TableFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
