package io.parkloop.readside;

import io.parkloop.reference.Province;
import io.parkloop.storage.AlertRecord;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Alerts as CSV or JSON, times in Asia/Shanghai with their offset. */
public final class AlertExport {
  public static final String CSV_HEADER = "id,kind,scope_type,scope_id,factor,severity,opened_at,closed_at,"
      + "peak_value,limit_value,acknowledged_by,acknowledged_at,evidence";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private AlertExport() {}

  /** One line per alert; the evidence lines joined by {@code " | "} in the last column. */
  public static void writeCsv(List<AlertRecord> alerts, Writer out) throws IOException {
    out.write(CSV_HEADER);
    out.write('\n');
    for (AlertRecord alert : alerts) {
      out.write(String.join(",", csv(alert.id()), alert.kind(), alert.scopeType(), csv(alert.scopeId()),
          csv(alert.factor()), alert.severity(), time(alert.openedAt()), time(alert.closedAt()),
          number(alert.peakValue()), number(alert.limitValue()), csv(alert.acknowledgedBy()),
          time(alert.acknowledgedAt()), csv(String.join(" | ", alert.evidence()))));
      out.write('\n');
    }
    out.flush();
  }

  /** A JSON array of objects with the table's column names; absent values are null. */
  public static void writeJson(List<AlertRecord> alerts, Writer out) throws IOException {
    out.write('[');
    for (int i = 0; i < alerts.size(); i++) {
      AlertRecord alert = alerts.get(i);
      out.write(i == 0 ? "\n" : ",\n");
      out.write("  {\"id\": " + json(alert.id()) + ", \"kind\": " + json(alert.kind())
          + ", \"scope_type\": " + json(alert.scopeType()) + ", \"scope_id\": " + json(alert.scopeId())
          + ", \"factor\": " + json(alert.factor()) + ", \"severity\": " + json(alert.severity())
          + ", \"opened_at\": " + json(time(alert.openedAt())) + ", \"closed_at\": " + jsonTime(alert.closedAt())
          + ", \"peak_value\": " + jsonNumber(alert.peakValue())
          + ", \"limit_value\": " + jsonNumber(alert.limitValue())
          + ", \"acknowledged_by\": " + json(alert.acknowledgedBy())
          + ", \"acknowledged_at\": " + jsonTime(alert.acknowledgedAt())
          + ", \"evidence\": [" + String.join(", ", alert.evidence().stream().map(AlertExport::json).toList()) + "]}");
    }
    out.write(alerts.isEmpty() ? "]\n" : "\n]\n");
    out.flush();
  }

  private static String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant.atZone(Province.ZONE).toOffsetDateTime());
  }

  private static String number(Double value) {
    return value == null ? "" : IndicatorExport.number(value);
  }

  private static String csv(String field) {
    if (field == null) {
      return "";
    }
    if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
      return '"' + field.replace("\"", "\"\"") + '"';
    }
    return field;
  }

  private static String jsonTime(Instant instant) {
    return instant == null ? "null" : json(time(instant));
  }

  private static String jsonNumber(Double value) {
    return value == null || !Double.isFinite(value) ? "null" : IndicatorExport.number(value);
  }

  private static String json(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
