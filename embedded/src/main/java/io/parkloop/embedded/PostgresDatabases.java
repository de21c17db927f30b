package io.parkloop.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** What every PostgreSQL server the tests start does alike: a database per test class, made on demand. */
final class PostgresDatabases {
  /** Lower-case letters, digits and underscores, as PostgreSQL folds unquoted names. */
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private PostgresDatabases() {}

  /** Creates the database {@code name} through {@code server} (any database of it) unless it exists. */
  static void createUnlessExists(DataSource server, String name) {
    if (!DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain PostgreSQL database name: " + name);
    }
    try (Connection connection = server.getConnection();
        PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, name);
      boolean missing;
      try (ResultSet row = exists.executeQuery()) {
        missing = !row.next();
      }
      if (missing) {
        try (Statement create = connection.createStatement()) {
          create.execute("create database " + name);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
  }
}
