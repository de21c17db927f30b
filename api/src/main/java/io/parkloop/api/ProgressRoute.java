package io.parkloop.api;

import io.parkloop.readside.DatabaseRoles;
import io.parkloop.readside.acceptance.AcceptanceQueries;
import io.parkloop.readside.acceptance.AcceptanceTables;
import io.parkloop.readside.acceptance.ProvincialProgress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;

/**
 * {@code GET /api/v1/progress}: the table {@code ./parkloop progress} writes for the year, by the
 * same code. Refused to park managers: the figures are shares of all parks of a city, region or
 * the province, and list the parks that pass and fail, so they would tell other parks' results;
 * computed over the own park alone they would be wrong.
 */
final class ProgressRoute implements ApiRoute {
  @Override
  public Set<String> parameters() {
    return AssessmentRequest.PARAMETERS;
  }

  @Override
  public ApiBody answer(QueryParameters parameters, Connection connection) throws SQLException {
    if (DatabaseRoles.isParkManager(connection)) {
      throw new Forbidden("the progress is a province-wide figure over every park and names the parks that pass, "
          + "so a park manager's token may not read it; /api/v1/acceptance shows the own park's assessment");
    }
    Instant now = Instant.now();
    AssessmentRequest request = AssessmentRequest.of(parameters, now);
    int year = request.year();
    return request.body(AcceptanceTables.progress(year, AcceptanceQueries.inProgress(year, now),
        ProvincialProgress.of(AcceptanceQueries.assess(connection, year, now))));
  }
}
