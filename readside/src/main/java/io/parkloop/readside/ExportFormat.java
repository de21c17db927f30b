package io.parkloop.readside;

import io.parkloop.storage.IndicatorRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The formats {@code parkloop export} writes indicator rows in (SPEC "Exported indicators"). */
public enum ExportFormat {
  CSV {
    @Override
    public int write(List<IndicatorRecord> rows, OutputStream out) throws IOException {
      // not closed: that would close the caller's stream (stdout)
      return IndicatorExport.writeCsv(rows, new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }
  },
  JSON {
    @Override
    public int write(List<IndicatorRecord> rows, OutputStream out) throws IOException {
      return IndicatorJsonWriter.write(rows, out);
    }
  },
  XLSX {
    @Override
    public int write(List<IndicatorRecord> rows, OutputStream out) throws IOException {
      return IndicatorXlsxWriter.write(rows, out);
    }
  };

  /** Writes the rows and flushes, leaving the stream open; returns the number of rows written. */
  public abstract int write(List<IndicatorRecord> rows, OutputStream out) throws IOException;

  /** True when the output is not text, so it belongs in a file rather than on a terminal. */
  public boolean binary() {
    return this == XLSX;
  }
}
