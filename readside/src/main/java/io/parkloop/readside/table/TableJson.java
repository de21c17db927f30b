package io.parkloop.readside.table;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.parkloop.readside.IndicatorExport;
import io.parkloop.readside.IndicatorJsonWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** A table as a JSON array of objects keyed by the column names, one object per line. */
final class TableJson {
  private static final JsonFactory JSON = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET) // the caller owns the stream (stdout)
      .build();

  private TableJson() {}

  static void write(Table table, OutputStream out) throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.setPrettyPrinter(IndicatorJsonWriter.onePerLine());
      json.writeStartArray();
      for (List<Object> row : table.rows()) {
        json.writeStartObject();
        for (int i = 0; i < row.size(); i++) {
          json.writeFieldName(table.columns().get(i).name());
          value(json, row.get(i));
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeRaw('\n');
    }
    out.flush();
  }

  private static void value(JsonGenerator json, Object cell) throws IOException {
    if (cell == null || cell instanceof Double number && !Double.isFinite(number)) {
      json.writeNull();
    } else if (cell instanceof Number number) {
      json.writeNumber(IndicatorExport.number(number.doubleValue()));
    } else if (cell instanceof Boolean bool) {
      json.writeBoolean(bool);
    } else {
      json.writeString(cell.toString());
    }
  }
}
