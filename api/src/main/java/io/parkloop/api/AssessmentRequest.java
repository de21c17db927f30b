package io.parkloop.api;

import io.parkloop.readside.acceptance.AcceptanceQueries;
import io.parkloop.readside.table.Table;
import io.parkloop.readside.table.TableFormat;
import java.time.Instant;
import java.util.Set;

/**
 * What {@code /api/v1/acceptance} and {@code /api/v1/progress} are asked, as the {@code acceptance}
 * and {@code progress} commands are: a year (default the current one, year to date) and csv or json.
 */
record AssessmentRequest(int year, TableFormat format) {
  static final Set<String> PARAMETERS = Set.of("year", "format");

  static AssessmentRequest of(QueryParameters parameters, Instant now) {
    Integer year = parameters.year("year");
    String format = parameters.oneOf("format", Set.of("csv", "json"));
    return new AssessmentRequest(year == null ? AcceptanceQueries.currentYear(now) : year,
        format == null ? TableFormat.CSV : TableFormat.parse(format));
  }

  ApiBody body(Table table) {
    String contentType = format == TableFormat.JSON ? "application/json; charset=utf-8" : "text/csv; charset=utf-8";
    return new ApiBody(contentType, table.rows().size(), out -> format.write(table, out));
  }
}
