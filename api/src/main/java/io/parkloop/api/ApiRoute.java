package io.parkloop.api;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * One read-only endpoint of the query API. The server has already checked the token and made the
 * connection's transaction run as the token's database role, so a route only reads: whatever
 * row-level security hides from that role, the route cannot return. A new endpoint (say
 * {@code /api/v1/permits}) is one implementation, one entry in {@link QueryApiServer#ROUTES}
 * and its path in {@code openapi.json}.
 */
interface ApiRoute {
  /** The query parameters this route accepts; any other one is a 400. */
  Set<String> parameters();

  /**
   * Reads what the request asks for.
   *
   * @throws BadRequest when a parameter is not one the route understands
   */
  ApiBody answer(QueryParameters parameters, Connection connection) throws SQLException;
}
