package io.parkloop.readside;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.storage.DeadLetterRecord;
import io.parkloop.storage.DeadLetterTable;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Dead letters copied from the topic: the same letter read twice is one row, two different letters two. */
class DeadLetterTableIT {
  private static final Instant RECEIVED = Instant.parse("2026-03-01T01:02:03.456Z");

  private static DeadLetterRecord letter(String payload, Integer element) {
    return new DeadLetterRecord(RECEIVED, "mqtt:parkloop/v1/readings/E1/NOPE", "unknown_meter", "no meter NOPE",
        payload.getBytes(StandardCharsets.UTF_8), element);
  }

  @Test
  void insertOnceSkipsWhatTheTableAlreadyHolds() throws Exception {
    DataSource database = TestPostgres.database("dead_letter_once");
    Migrations.migrate(database);
    List<DeadLetterRecord> batch = List.of(letter("[1, 2]", 0), letter("[1, 2]", 1), letter("{}", null));
    try (Connection connection = database.getConnection()) {
      DeadLetterTable.insertOnce(connection, batch);
      DeadLetterTable.insertOnce(connection, batch); // read again after a restart
      DeadLetterTable.insertOnce(connection, List.of(letter("{ }", null)));
    }
    try (Connection connection = database.getConnection();
        Statement sql = connection.createStatement();
        ResultSet rows = sql.executeQuery("select count(*), count(element) from dead_letter")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(4);
      assertThat(rows.getInt(2)).isEqualTo(2);
    }
  }
}
