package io.parkloop.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresIT {

  @Test
  void keepsDataAcrossRestartsOnTheSameDirectory(@TempDir Path dataDir) throws SQLException {
    try (LocalPostgres postgres = LocalPostgres.start(dataDir, 0)) {
      String url = postgres.createDatabase("parkloop");
      try (Connection connection = DriverManager.getConnection(url, postgres.user(),
          postgres.password()); Statement sql = connection.createStatement()) {
        sql.execute("CREATE TABLE reading (meter text, value double precision)");
        sql.execute("INSERT INTO reading VALUES ('E001-ELEC', 152340.5)");
      }
    }

    try (LocalPostgres postgres = LocalPostgres.start(dataDir, 0);
        Connection connection = postgres.dataSource("parkloop").getConnection();
        Statement sql = connection.createStatement();
        ResultSet row = sql.executeQuery("SELECT meter, value FROM reading")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString("meter")).isEqualTo("E001-ELEC");
      assertThat(row.getDouble("value")).isEqualTo(152340.5);
    }
  }

  @Test
  void commitsAreDurable(@TempDir Path dataDir) throws SQLException {
    try (LocalPostgres postgres = LocalPostgres.start(dataDir, 0);
        Connection connection = postgres.dataSource().getConnection();
        Statement sql = connection.createStatement();
        ResultSet row = sql.executeQuery("SHOW synchronous_commit")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString(1)).isEqualTo("on");
    }
  }

  @Test
  void runningJdbcUrlFindsTheServerOnTheDirectoryWhileItRuns(@TempDir Path dataDir)
      throws SQLException {
    assertThat(LocalPostgres.runningJdbcUrl(dataDir)).isEmpty();
    try (LocalPostgres postgres = LocalPostgres.start(dataDir, 0)) {
      assertThat(LocalPostgres.runningJdbcUrl(dataDir)).contains(postgres.jdbcUrl());
      try (Connection connection = DriverManager.getConnection(
          LocalPostgres.runningJdbcUrl(dataDir).orElseThrow(), LocalPostgres.USER, "")) {
        assertThat(connection.isValid(5)).isTrue();
      }
    }
    assertThat(LocalPostgres.runningJdbcUrl(dataDir)).isEmpty();
  }

  @Test
  void runningJdbcUrlIgnoresThePidFileOfACrashedServer(@TempDir Path dataDir) throws Exception {
    Process exited = new ProcessBuilder("true").start();
    exited.waitFor();
    int freePort = FreePorts.pick();
    Files.writeString(dataDir.resolve("postmaster.pid"),
        exited.pid() + "\n" + dataDir + "\n1767225600\n" + freePort + "\n/tmp\n127.0.0.1\n",
        StandardCharsets.UTF_8);

    assertThat(LocalPostgres.runningJdbcUrl(dataDir)).isEmpty();
  }
}
