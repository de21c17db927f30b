package io.parkloop.jobs.sinks;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** What a failed write's SQLState says about trying it again (PostgreSQL manual, appendix "Error Codes"). */
final class SqlFailures {
  /**
   * The classes where the database or the connection was in the way, not the rows: connection
   * (08), transaction rollback such as a deadlock or a serialization failure (40), insufficient
   * resources (53), operator intervention such as an admin shutdown (57), system error (58).
   */
  private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58");

  private SqlFailures() {}

  /**
   * True when the same write can succeed later on a new connection; a missing state comes from a
   * connection that broke before the server answered. False for a data exception (22), an
   * integrity constraint (23), a syntax or access rule (42) and every other class: the same rows
   * would be refused again on every retry.
   */
  static boolean isTransient(String sqlState) {
    return sqlState == null || sqlState.length() >= 2 && TRANSIENT_CLASSES.contains(sqlState.substring(0, 2));
  }

  /** The table the server names in its error (constraint violations do), looking through a batch's chained errors. */
  static Optional<String> reportedTable(SQLException failure) {
    for (Throwable error = failure; error != null; error = next(error)) {
      ServerErrorMessage server = error instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
      if (server != null && server.getTable() != null) {
        return Optional.of(server.getTable());
      }
    }
    return Optional.empty();
  }

  private static Throwable next(Throwable error) {
    if (error instanceof SQLException sql && sql.getNextException() != null) {
      return sql.getNextException();
    }
    return error.getCause() == error ? null : error.getCause();
  }
}
