package io.parkloop.readside.table;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/** The formats the acceptance and progress tables are written in. */
public enum TableFormat {
  CSV {
    @Override
    public void write(Table table, OutputStream out) throws IOException {
      // not closed: that would close the caller's stream (stdout)
      TableCsv.write(table, new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }
  },
  JSON {
    @Override
    public void write(Table table, OutputStream out) throws IOException {
      TableJson.write(table, out);
    }
  },
  /** A workbook of one sheet named after the table's title. */
  XLSX {
    @Override
    public void write(Table table, OutputStream out) throws IOException {
      SXSSFWorkbook workbook = new SXSSFWorkbook(500);
      try (workbook) {
        new TableSheets(workbook).sheet(table.title(), table);
        workbook.write(out);
      } finally {
        workbook.dispose(); // the streamed rows' temporary files
      }
      out.flush();
    }
  };

  /** Writes the table and flushes, leaving the stream open. */
  public abstract void write(Table table, OutputStream out) throws IOException;

  /** True when the output is not text, so it belongs in a file rather than on a terminal. */
  public boolean binary() {
    return this == XLSX;
  }

  /** {@code csv}, {@code json} or {@code xlsx}, in any case. */
  public static TableFormat parse(String name) {
    for (TableFormat format : values()) {
      if (format.name().equalsIgnoreCase(name)) {
        return format;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not csv, json or xlsx");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
