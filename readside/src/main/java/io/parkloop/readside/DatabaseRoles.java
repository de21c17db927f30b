package io.parkloop.readside;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** The database roles of migration V10 (docs/security.md) and the park managers' logins. */
public final class DatabaseRoles {
  public static final String WRITER = "parkloop_writer";
  public static final String READER = "parkloop_reader";
  public static final String STATISTICIAN = "parkloop_statistician";
  public static final String PARK_MANAGER = "parkloop_park_manager";
  /** PostgreSQL's unquoted names: only these are ever put into SQL as an identifier. */
  private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final char[] PASSWORD_ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private DatabaseRoles() {}

  /**
   * Makes the login of a manager of {@code park} (or gives an existing manager a new park and
   * password) and returns the password; the database keeps only its SCRAM hash.
   */
  public static String addParkManager(DataSource dataSource, String login, String park) throws SQLException {
    String password = randomSecret(24);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement add = connection.prepareStatement("select parkloop_add_park_manager(?, ?, ?)")) {
      add.setString(1, login);
      add.setString(2, park);
      add.setString(3, password);
      add.execute();
    }
    return password;
  }

  /**
   * Makes the login {@code login}, a member of {@code group}, with {@code password}, or gives it
   * that password if it exists: e.g. Grafana's reader login of the local demo.
   */
  public static void ensureLogin(DataSource dataSource, String login, String group, String password) throws SQLException {
    String quotedPassword = "'" + password.replace("'", "''") + "'";
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + checked(login) + "') then "
          + "create role " + checked(login) + "; end if; end $$");
      statement.execute("alter role " + checked(login) + " login password " + quotedPassword);
      statement.execute("grant " + checked(group) + " to " + checked(login));
    }
  }

  /**
   * True when the connection's current role is a park manager's login (a member of {@link #PARK_MANAGER});
   * not for a superuser, whom PostgreSQL counts a member of every role.
   */
  public static boolean isParkManager(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("select pg_has_role(current_user, ?, 'member')"
        + " and not (select rolsuper from pg_roles where rolname = current_user)")) {
      query.setString(1, PARK_MANAGER);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getBoolean(1);
      }
    }
  }

  /** Turns the transaction's role into {@code role}: from here on, its privileges and policies apply. */
  public static void setLocalRole(Connection connection, String role) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("set local role " + checked(role));
    }
  }

  /** A role name as an identifier, refused unless it is a plain lower-case name. */
  static String checked(String role) {
    if (!ROLE_NAME.matcher(role).matches()) {
      throw new IllegalArgumentException("not a plain lower-case role name: \"" + role + "\"");
    }
    return role;
  }

  /** Letters and digits without look-alikes (0/O, 1/l/I): easy to copy, about 5.8 bits each. */
  public static String randomSecret(int length) {
    StringBuilder secret = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      secret.append(PASSWORD_ALPHABET[RANDOM.nextInt(PASSWORD_ALPHABET.length)]);
    }
    return secret.toString();
  }
}
