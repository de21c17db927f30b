package io.parkloop.api;

import io.parkloop.readside.acceptance.AcceptanceQueries;
import io.parkloop.readside.acceptance.AcceptanceTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;

/**
 * {@code GET /api/v1/acceptance}: the table {@code ./parkloop acceptance} writes for the year, by the
 * same code, with parks and targets from the database. A park manager's token sees the own park
 * only: row-level security hides the other parks, their targets and their values.
 */
final class AcceptanceRoute implements ApiRoute {
  @Override
  public Set<String> parameters() {
    return AssessmentRequest.PARAMETERS;
  }

  @Override
  public ApiBody answer(QueryParameters parameters, Connection connection) throws SQLException {
    Instant now = Instant.now();
    AssessmentRequest request = AssessmentRequest.of(parameters, now);
    return request.body(AcceptanceTables.acceptance(AcceptanceQueries.assess(connection, request.year(), now)));
  }
}
