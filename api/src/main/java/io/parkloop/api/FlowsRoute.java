package io.parkloop.api;

import io.parkloop.storage.flows.FlowRecord;
import io.parkloop.readside.flows.FlowTables;
import io.parkloop.readside.table.TableFormat;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/v1/flows?park=SIP&period=2026-03}: the park's material flows of a month, the
 * table {@code ./parkloop flows} writes, by the same code. A park manager's token sees the own
 * park's flows only (row-level security on {@code material_flow}, V20); without {@code park},
 * every park the token may see.
 */
final class FlowsRoute implements ApiRoute {
  @Override
  public Set<String> parameters() {
    return Set.of("park", "period", "format");
  }

  @Override
  public ApiBody answer(QueryParameters parameters, Connection connection) throws SQLException {
    String period = parameters.text("period");
    if (period == null) {
      throw new BadRequest("period is required, a month such as 2026-03");
    }
    YearMonth month;
    try {
      month = YearMonth.parse(period);
    } catch (DateTimeParseException e) {
      throw new BadRequest("period '" + period + "' is not a month such as 2026-03");
    }
    String format = parameters.oneOf("format", Set.of("csv", "json"));
    TableFormat tableFormat = format == null ? TableFormat.CSV : TableFormat.parse(format);
    String park = parameters.text("park");
    List<FlowRecord> flows = FlowTables.month(connection, park, month);
    var table = FlowTables.table("flows " + (park == null ? "" : park + " ") + month, flows);
    String contentType = tableFormat == TableFormat.JSON ? "application/json; charset=utf-8" : "text/csv; charset=utf-8";
    return new ApiBody(contentType, flows.size(), out -> tableFormat.write(table, out));
  }
}
