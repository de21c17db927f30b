package io.parkloop.readside;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Bearer tokens of the query API, each standing for a database role (table {@code api_token}).
 * Only a token's SHA-256 is stored: a token is 48 random characters (~280 bits), so a fast hash
 * is as good as a slow one and lets a request be checked with one indexed lookup.
 */
public final class ApiTokens {
  /** Marks a string as a parkloop token, so that it is recognised when pasted or leaked. */
  static final String PREFIX = "plk_";
  private static final int RANDOM_CHARACTERS = 48;

  private ApiTokens() {}

  /** Issues a token that runs as the statistician (all parks, read-only); returns the token. */
  public static String issueForStatistician(DataSource dataSource, String label) throws SQLException {
    return issue(dataSource, DatabaseRoles.STATISTICIAN, label);
  }

  /** Issues a token that runs as the park manager's login, so it sees that park only; returns the token. */
  public static String issueForParkManager(DataSource dataSource, String login, String label) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement manager = connection.prepareStatement("select park_id from park_manager where role_name = ?")) {
      manager.setString(1, login);
      try (ResultSet row = manager.executeQuery()) {
        if (!row.next()) {
          throw new IllegalArgumentException("\"" + login + "\" is not a park manager; add one with"
              + " ./parkloop users add-park-manager --park PARK --name " + login);
        }
      }
    }
    return issue(dataSource, login, label);
  }

  /** Stores the token's hash for {@code role} and returns the token, which is nowhere else. */
  public static String issue(DataSource dataSource, String role, String label) throws SQLException {
    String token = issuableToken();
    register(dataSource, token, role, label);
    return token;
  }

  /** A new random token, not yet valid: {@link #register} makes it so. */
  public static String issuableToken() {
    return PREFIX + DatabaseRoles.randomSecret(RANDOM_CHARACTERS);
  }

  /** Stores a given token (e.g. the one of a data directory's secrets file) for {@code role}; a no-op if stored. */
  public static void register(DataSource dataSource, String token, String role, String label) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(
            "insert into api_token (token_sha256, role_name, label) values (?, ?, ?) on conflict do nothing")) {
      insert.setString(1, sha256(token));
      insert.setString(2, DatabaseRoles.checked(role));
      insert.setString(3, label);
      insert.executeUpdate();
    }
  }

  /** The role a token runs as, or empty for a token never issued. */
  public static Optional<String> roleOf(Connection connection, String token) throws SQLException {
    try (PreparedStatement lookup = connection.prepareStatement("select role_name from api_token where token_sha256 = ?")) {
      lookup.setString(1, sha256(token));
      try (ResultSet row = lookup.executeQuery()) {
        return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
      }
    }
  }

  static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
