package io.parkloop.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A batch written as one set-based statement: each column travels as one array parameter and the
 * statement reads the rows back with {@code unnest(…)} ({@code INSERT … SELECT … FROM unnest(?, ?, …)
 * ON CONFLICT …}). Against a multi-row {@code VALUES} list with a bound parameter per field, the
 * server parses and plans one statement of a few parameters, and the driver encodes a handful of
 * arrays (numbers in binary) instead of thousands of values. One statement is one transaction, so a
 * batch is written whole or not at all.
 *
 * <p>Why not {@code COPY} into a staging table: the TimescaleDB engine with TSL that the tests run
 * (PGlite behind pglite-socket, see embedded/) closes the connection on {@code COPY FROM STDIN}, so
 * that path could not be proven on the deployment target's edition; this one runs on every engine.
 * Instants travel as microseconds since the epoch ({@link #micros}), turned back into
 * {@code timestamptz} by {@link #TIMESTAMP}: exact, and an array of {@code bigint} is sent in binary.
 */
public final class ColumnArrays {
  /** The SQL that turns a column of {@link #micros} back into {@code timestamptz}; {@code %s} is the column. */
  public static final String TIMESTAMP = "(timestamptz 'epoch' + %s * interval '1 microsecond')";

  private ColumnArrays() {}

  /** One column of the rows, as the array its parameter takes. */
  @FunctionalInterface
  public interface Column<T> {
    Object of(Collection<T> rows);
  }

  /** A {@code text[]} parameter. */
  public static <T> Column<T> text(Function<T, String> field) {
    return rows -> rows.stream().map(field).toArray(String[]::new);
  }

  /** A {@code float8[]} parameter. */
  public static <T> Column<T> number(ToDoubleFunction<T> field) {
    return rows -> rows.stream().mapToDouble(field).toArray();
  }

  /** A {@code bigint[]} parameter of {@link #micros}, for {@link #TIMESTAMP}. */
  public static <T> Column<T> instant(Function<T, Instant> field) {
    return rows -> rows.stream().mapToLong(row -> micros(field.apply(row))).toArray();
  }

  public static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /** Runs the statement with one array per column, in the order of its parameters; no rows, no statement. */
  @SafeVarargs
  public static <T> void execute(Connection connection, String sql, Collection<T> rows, Column<T>... columns)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < columns.length; i++) {
        statement.setObject(i + 1, columns[i].of(rows));
      }
      statement.executeUpdate();
    }
  }
}
