package io.parkloop.api;

import io.parkloop.reference.PeriodType;
import io.parkloop.reference.ScopeType;
import io.parkloop.readside.ExportFilter;
import io.parkloop.readside.ExportFormat;
import io.parkloop.readside.IndicatorExport;
import io.parkloop.storage.IndicatorRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/indicators}: the rows {@code ./parkloop export} writes for the same filter,
 * in the same format, by the same code ({@link IndicatorExport}, {@link ExportFormat}).
 */
final class IndicatorsRoute implements ApiRoute {
  static final Set<String> SCOPE_TYPES =
      Arrays.stream(ScopeType.values()).map(ScopeType::code).collect(Collectors.toSet());
  static final Set<String> PERIOD_TYPES =
      Arrays.stream(PeriodType.values()).map(PeriodType::code).collect(Collectors.toSet());
  private static final Set<String> FORMATS = Set.of("csv", "json", "xlsx");

  @Override
  public Set<String> parameters() {
    return Set.of("scope_type", "scope_id", "period_type", "from", "to", "format");
  }

  @Override
  public ApiBody answer(QueryParameters parameters, Connection connection) throws SQLException {
    ExportFilter filter = filter(parameters);
    ExportFormat format = format(parameters);
    List<IndicatorRecord> rows = IndicatorExport.query(connection, filter);
    return new ApiBody(contentType(format), rows.size(), out -> format.write(rows, out));
  }

  static ExportFilter filter(QueryParameters parameters) {
    ExportFilter filter = new ExportFilter(parameters.oneOf("scope_type", SCOPE_TYPES), parameters.text("scope_id"),
        parameters.oneOf("period_type", PERIOD_TYPES), parameters.date("from"), parameters.date("to"));
    if (filter.from() != null && filter.to() != null && filter.to().isBefore(filter.from())) {
      throw new BadRequest("to " + filter.to() + " is before from " + filter.from());
    }
    return filter;
  }

  static ExportFormat format(QueryParameters parameters) {
    String format = parameters.oneOf("format", FORMATS);
    return format == null ? ExportFormat.CSV : ExportFormat.valueOf(format.toUpperCase(Locale.ROOT));
  }

  static String contentType(ExportFormat format) {
    return switch (format) {
      case CSV -> "text/csv; charset=utf-8";
      case JSON -> "application/json; charset=utf-8";
      case XLSX -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    };
  }
}
