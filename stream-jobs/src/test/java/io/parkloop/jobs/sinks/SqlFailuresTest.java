package io.parkloop.jobs.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlFailuresTest {
  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {
      "08006", // connection failure
      "08001", // unable to connect
      "40001", // serialization failure
      "40P01", // deadlock detected
      "53300", // too many connections
      "53100", // disk full
      "57P01", // admin shutdown (pg_terminate_backend)
      "57P03", // cannot connect now (starting up)
      "58030", // I/O error
  })
  void theDatabaseOrTheConnectionInTheWayIsWorthRetrying(String sqlState) {
    assertThat(SqlFailures.isTransient(sqlState)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "22003", // numeric value out of range
      "22P02", // invalid text representation
      "23505", // unique violation
      "23514", // check violation
      "42P01", // undefined table
      "42501", // insufficient privilege
      "28P01", // invalid password
      "XX000", // internal error
      "0",     // no class at all
  })
  void rowsOrStatementsTheDatabaseRefusesAreNot(String sqlState) {
    assertThat(SqlFailures.isTransient(sqlState)).isFalse();
  }
}
