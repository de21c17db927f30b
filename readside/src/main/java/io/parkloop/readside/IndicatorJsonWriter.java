package io.parkloop.readside;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.parkloop.storage.IndicatorRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Indicator rows as a JSON array of objects with the SPEC's field names, one object per line so
 * that the file can be read, grepped and diffed like the CSV:
 * {@code {"scope_type": "park", ..., "period_start": "2026-03-01T00:00:00+08:00", ..., "value": 1.5, "unit": "tce"}}.
 * {@code value} is a JSON number with the CSV's twelve significant digits.
 */
public final class IndicatorJsonWriter {
  private static final JsonFactory JSON = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET) // the caller owns the stream (stdout)
      .build();

  private IndicatorJsonWriter() {}

  /** Arrays with one element per line, objects on one line with a space after each colon and comma. */
  public static DefaultPrettyPrinter onePerLine() {
    return new DefaultPrettyPrinter()
        .withSeparators(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEntrySpacing(Separators.Spacing.AFTER))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"))
        .withObjectIndenter(DefaultPrettyPrinter.NopIndenter.instance);
  }

  /** Writes the rows as UTF-8 JSON and flushes; returns the number of rows written. */
  public static int write(List<IndicatorRecord> rows, OutputStream out) throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.setPrettyPrinter(onePerLine());
      json.writeStartArray();
      for (IndicatorRecord row : rows) {
        json.writeStartObject();
        json.writeStringField("scope_type", row.scopeType());
        json.writeStringField("scope_id", row.scopeId());
        json.writeStringField("period_type", row.periodType());
        json.writeStringField("period_start", IndicatorExport.periodStart(row));
        json.writeStringField("indicator", row.indicator());
        json.writeFieldName("value");
        json.writeNumber(IndicatorExport.number(row.value()));
        json.writeStringField("unit", row.unit());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeRaw('\n');
    }
    out.flush();
    return rows.size();
  }
}
