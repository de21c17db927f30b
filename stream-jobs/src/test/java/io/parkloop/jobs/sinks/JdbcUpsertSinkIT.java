package io.parkloop.jobs.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.parkloop.embedded.LocalPostgres;
import io.parkloop.storage.Databases;
import java.io.Serializable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * The sink on a real PostgreSQL: rows the table refuses fail the job (once, quickly, naming what
 * was refused) instead of being retried forever; a connection the server drops is retried and the
 * rows arrive; wider rows wait for their own flush and arrive with their latest value.
 */
class JdbcUpsertSinkIT {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());
  /** Far more than a refused batch needs, far less than retrying it "forever" would take. */
  private static final Duration BOUND = Duration.ofSeconds(60);
  /** Whether the server terminated the sink's session, as {@code pg_terminate_backend} answered. */
  private static final AtomicReference<Boolean> TERMINATED = new AtomicReference<>();

  private static LocalPostgres postgres;

  @BeforeAll
  static void startPostgres(@TempDir Path dataDir) {
    postgres = LocalPostgres.start(dataDir, 0);
  }

  @AfterAll
  static void stopPostgres() {
    postgres.close();
  }

  @Test
  void rowsTheTableRefusesFailTheJobNamingTheStateTheTableAndTheFirstRefusedRow() throws Exception {
    String jdbcUrl = probeTable("refused");
    StreamExecutionEnvironment env = environment();
    env.fromData(new Probe("a", 1), new Probe("b", -1), new Probe("c", -2))
        .sinkTo(new JdbcUpsertSink<>("probes", jdbcUrl, JdbcUpsertSinkIT::upsert, Probe::id, 10, 200));

    Throwable failure = assertTimeoutPreemptively(BOUND, () -> catchThrowable(() -> env.execute("refused rows")));

    assertThat(failure).as("the job's failure").isNotNull()
        .hasStackTraceContaining("probes: the database refused")
        .hasStackTraceContaining("SQLState 23514")
        .hasStackTraceContaining("table sink_probe")
        .hasStackTraceContaining("first offending row b");
  }

  @Test
  void aConnectionTheServerDropsIsRetriedAndTheRowsArrive() throws Exception {
    String jdbcUrl = probeTable("dropped");
    StreamExecutionEnvironment env = environment();
    env.fromData(new Probe("a", 1), new Probe("b", 2), new Probe("c", 3))
        .sinkTo(new JdbcUpsertSink<>("probes", jdbcUrl, JdbcUpsertSinkIT::upsertOnceTheFirstSessionIsTerminated,
            Probe::id, 10, 200));

    assertTimeoutPreemptively(BOUND, () -> env.execute("dropped connection"));

    assertThat(TERMINATED.get()).as("the server terminated the sink's first session").isTrue();
    assertThat(rows(jdbcUrl)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 2, "c", 3));
  }

  @Test
  void widerRowsAreHeldBackAndWrittenOnceWithTheirLatestValue() throws Exception {
    String jdbcUrl = probeTable("wider");
    WRITES.clear();
    StreamExecutionEnvironment env = environment();
    env.fromData(new Probe("a", 1), new Probe("wide", 1), new Probe("wide", 2), new Probe("a", 2), new Probe("wide", 3))
        // batches of one row: every row that is not held back is written on its own at once
        .sinkTo(new JdbcUpsertSink<>("probes", jdbcUrl, JdbcUpsertSinkIT::upsertCounting, Probe::id, 1, 200,
            probe -> probe.id().startsWith("wide"), 60_000));

    assertTimeoutPreemptively(BOUND, () -> env.execute("wider rows"));

    assertThat(rows(jdbcUrl)).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2, "wide", 3));
    assertThat(WRITES).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2, "wide", 1));
  }

  /** How often each probe was written, by {@link #upsertCounting}; one job in one JVM at a time. */
  private static final Map<String, Integer> WRITES = new java.util.concurrent.ConcurrentHashMap<>();

  private static void upsertCounting(Connection connection, Collection<Probe> rows) throws SQLException {
    upsert(connection, rows);
    for (Probe row : rows) {
      WRITES.merge(row.id(), 1, Integer::sum);
    }
  }

  /** Each row once, the job failing for good on the first failure. */
  private static StreamExecutionEnvironment environment() {
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(1);
    return env;
  }

  private static String probeTable(String database) throws SQLException {
    postgres.createDatabase(database);
    try (Connection connection = postgres.dataSource(database).getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create table sink_probe (id text primary key, amount integer not null check (amount >= 0))");
    }
    return postgres.jdbcUrl(database);
  }

  /** Before the first write, another session ends this one, as an operator or a server restart would. */
  private static void upsertOnceTheFirstSessionIsTerminated(Connection connection, Collection<Probe> rows)
      throws SQLException {
    if (TERMINATED.get() == null) {
      int backend = connection.unwrap(PGConnection.class).getBackendPID();
      try (Connection admin = postgres.dataSource().getConnection();
          PreparedStatement terminate = admin.prepareStatement("select pg_terminate_backend(?, 10000)")) {
        terminate.setInt(1, backend);
        try (ResultSet answer = terminate.executeQuery()) {
          answer.next();
          TERMINATED.set(answer.getBoolean(1));
        }
      }
    }
    upsert(connection, rows);
  }

  /**
   * One multi-row statement, not a JDBC batch: a JDBC batch on a killed connection
   * trips PgJDBC's own assertion under {@code -ea} (docs/reliability.md), which is not what this tests.
   */
  private static void upsert(Connection connection, Collection<Probe> rows) throws SQLException {
    String values = String.join(", ", Collections.nCopies(rows.size(), "(?, ?)"));
    try (PreparedStatement upsert = connection.prepareStatement("insert into sink_probe (id, amount) values " + values
        + " on conflict (id) do update set amount = excluded.amount")) {
      int parameter = 1;
      for (Probe row : rows) {
        upsert.setString(parameter++, row.id());
        upsert.setInt(parameter++, row.amount());
      }
      upsert.executeUpdate();
    }
  }

  private static Map<String, Integer> rows(String jdbcUrl) throws SQLException {
    DataSource dataSource = Databases.dataSource(jdbcUrl);
    Map<String, Integer> rows = new HashMap<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select id, amount from sink_probe")) {
      while (result.next()) {
        rows.put(result.getString(1), result.getInt(2));
      }
    }
    return rows;
  }

  /** One row of the probe table. */
  public record Probe(String id, int amount) implements Serializable {}
}
