package io.parkloop.readside;

import io.parkloop.reference.Province;
import io.parkloop.storage.IndicatorRecord;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads indicator rows in the SPEC's long format
 * ({@code scope_type,scope_id,period_type,period_start,indicator,value,unit}).
 */
public final class IndicatorExport {
  public static final String CSV_HEADER = "scope_type,scope_id,period_type,period_start,indicator,value,unit";
  private static final DateTimeFormatter PERIOD_START = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  /** Twelve significant digits: far beyond any meter's precision, and free of binary noise. */
  private static final MathContext PRECISION = new MathContext(12);

  private IndicatorExport() {}

  public static List<IndicatorRecord> query(DataSource dataSource, ExportFilter filter) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return query(connection, filter);
    }
  }

  /** The rows on a connection the caller holds, e.g. in a transaction under a reader's role (./parkloop serve). */
  public static List<IndicatorRecord> query(Connection connection, ExportFilter filter) throws SQLException {
    StringBuilder sql = new StringBuilder(
        "select scope_type, scope_id, period_type, period_start, indicator, value, unit from indicator_value where true");
    List<Object> parameters = new ArrayList<>();
    if (filter.scopeType() != null) {
      sql.append(" and scope_type = ?");
      parameters.add(filter.scopeType());
    }
    if (filter.scopeId() != null) {
      sql.append(" and scope_id = ?");
      parameters.add(filter.scopeId());
    }
    if (filter.periodType() != null) {
      sql.append(" and period_type = ?");
      parameters.add(filter.periodType());
    }
    if (filter.from() != null) {
      sql.append(" and period_start >= ?");
      parameters.add(Timestamp.from(filter.from().atStartOfDay(Province.ZONE).toInstant()));
    }
    if (filter.to() != null) {
      sql.append(" and period_start < ?");
      parameters.add(Timestamp.from(filter.to().plusDays(1).atStartOfDay(Province.ZONE).toInstant()));
    }
    sql.append(" order by scope_type, scope_id, period_type, period_start, indicator");
    try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      List<IndicatorRecord> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(new IndicatorRecord(result.getString(1), result.getString(2), result.getString(3),
              result.getTimestamp(4).toInstant(), result.getString(5), result.getDouble(6), result.getString(7)));
        }
      }
      return rows;
    }
  }

  /** Writes the rows as CSV with the SPEC's header; returns the number of rows written. */
  public static int writeCsv(List<IndicatorRecord> rows, Writer out) throws IOException {
    out.write(CSV_HEADER);
    out.write('\n');
    for (IndicatorRecord row : rows) {
      out.write(String.join(",", csv(row.scopeType()), csv(row.scopeId()), row.periodType(), periodStart(row),
          csv(row.indicator()), number(row.value()), csv(row.unit())));
      out.write('\n');
    }
    out.flush();
    return rows.size();
  }

  /** The start of the row's period as ISO-8601 with the Asia/Shanghai offset, like {@code 2026-03-01T00:00:00+08:00}. */
  public static String periodStart(IndicatorRecord row) {
    return PERIOD_START.format(row.periodStart().atZone(Province.ZONE).toOffsetDateTime());
  }

  /** A plain decimal (never exponent notation) rounded to twelve significant digits. */
  public static String number(double value) {
    if (value == 0) {
      return "0";
    }
    return new BigDecimal(value).round(PRECISION).stripTrailingZeros().toPlainString();
  }

  private static String csv(String field) {
    if (field.contains(",") || field.contains("\"") || field.contains("\n")) {
      return '"' + field.replace("\"", "\"\"") + '"';
    }
    return field;
  }
}
