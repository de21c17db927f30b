package io.parkloop.api;

import io.parkloop.readside.AlertExport;
import io.parkloop.readside.AlertFilter;
import io.parkloop.readside.AlertQueries;
import io.parkloop.storage.AlertRecord;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/** {@code GET /api/v1/alerts}: what {@code ./parkloop alerts} lists for the same filter, by the same code. */
final class AlertsRoute implements ApiRoute {
  private static final Set<String> KINDS = Set.of("concentration", "permit", "silence", "data_quality", "treatment_stopped");

  @Override
  public Set<String> parameters() {
    return Set.of("from", "to", "kind", "open", "format");
  }

  @Override
  public ApiBody answer(QueryParameters parameters, Connection connection) throws SQLException {
    AlertFilter filter = new AlertFilter(parameters.date("from"), parameters.date("to"), parameters.oneOf("kind", KINDS),
        "true".equals(parameters.oneOf("open", Set.of("true", "false"))));
    boolean json = "json".equals(parameters.oneOf("format", Set.of("csv", "json")));
    List<AlertRecord> alerts = AlertQueries.list(connection, filter);
    return new ApiBody(json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8", alerts.size(), out -> {
      Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      if (json) {
        AlertExport.writeJson(alerts, writer);
      } else {
        AlertExport.writeCsv(alerts, writer);
      }
      writer.flush();
    });
  }
}
