package io.parkloop.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Iterator;
import java.util.function.IntFunction;

/**
 * How the upsert tables are written: the rows in multi-row {@code INSERT … ON CONFLICT}
 * statements of at most {@link #ROWS_PER_STATEMENT} rows, all in one transaction, so a batch is
 * written whole or not at all.
 */
public final class MultiRowUpserts {
  /** Rows per statement: at 9 parameters a row, far below PostgreSQL's 65,535 bind parameters. */
  public static final int ROWS_PER_STATEMENT = 500;

  /** Sets one row's parameters from index {@code first} on and returns the next free index. */
  @FunctionalInterface
  public interface RowBinder<T> {
    int bind(PreparedStatement statement, int first, T row) throws SQLException;
  }

  private MultiRowUpserts() {}

  /**
   * Upserts the rows in one transaction; a row key must not appear twice in {@code rows}.
   *
   * @param sqlForRows the statement for that many rows
   */
  public static <T> void upsert(Connection connection, Collection<T> rows, IntFunction<String> sqlForRows,
      RowBinder<T> binder) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      Iterator<T> remaining = rows.iterator();
      for (int left = rows.size(); left > 0; left -= ROWS_PER_STATEMENT) {
        int chunk = Math.min(left, ROWS_PER_STATEMENT);
        try (PreparedStatement statement = connection.prepareStatement(sqlForRows.apply(chunk))) {
          int p = 1;
          for (int i = 0; i < chunk; i++) {
            p = binder.bind(statement, p, remaining.next());
          }
          statement.executeUpdate();
        }
      }
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }
}
