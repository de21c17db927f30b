package io.parkloop.jobs.sinks;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

/** Writes one batch of rows idempotently (writing it again changes nothing). */
@FunctionalInterface
public interface BatchWriter<T> extends Serializable {
  void write(Connection connection, Collection<T> rows) throws SQLException;
}
