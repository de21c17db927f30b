package io.parkloop.launcher.pipeline;

import io.parkloop.readside.ApiTokens;
import io.parkloop.readside.DatabaseRoles;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The secrets of a data directory's embedded services, made at random the first time and kept in
 * {@code secrets.properties} (mode 600) beside their data, so none is in the repository and no two
 * data directories share one: the password of Grafana's reader login and a statistician's token
 * for {@code ./parkloop serve}.
 */
public final class LocalSecrets {
  static final String FILE = "secrets.properties";
  static final String GRAFANA_LOGIN = "parkloop_grafana";
  public static final String GRAFANA_PASSWORD = "grafana.db.password";
  public static final String STATISTICIAN_TOKEN = "api.token.statistician";

  private final Path file;
  private final Properties values;

  private LocalSecrets(Path file, Properties values) {
    this.file = file;
    this.values = values;
  }

  /** Reads the data directory's secrets, making the file with new random ones if there is none. */
  public static LocalSecrets of(Path dataDir) throws IOException {
    Path file = dataDir.toAbsolutePath().resolve(FILE);
    if (!Files.exists(file)) {
      create(file);
    }
    Properties values = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      values.load(in);
    }
    return new LocalSecrets(file, values);
  }

  private static void create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Properties values = new Properties();
    values.setProperty(GRAFANA_PASSWORD, DatabaseRoles.randomSecret(24));
    values.setProperty(STATISTICIAN_TOKEN, ApiTokens.issuableToken());
    // owner-only from the first byte, not chmod-ed after being readable for a moment
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      values.store(out, "parkloop: random secrets of this data directory's embedded services (docs/security.md)");
    }
  }

  /** Gives the database what the file says: Grafana's reader login and password, the statistician's token. */
  public void applyTo(DataSource database) throws SQLException {
    DatabaseRoles.ensureLogin(database, GRAFANA_LOGIN, DatabaseRoles.READER, values.getProperty(GRAFANA_PASSWORD));
    ApiTokens.register(database, values.getProperty(STATISTICIAN_TOKEN), DatabaseRoles.STATISTICIAN,
        "statistician of " + file);
  }

  public Path file() {
    return file;
  }

  public String get(String key) {
    return values.getProperty(key);
  }

  /** The line that says where the secrets are, never the secrets themselves (logs and terminals get copied). */
  public String describe() {
    return "  Secrets " + file + "  (random for this data directory: " + GRAFANA_LOGIN
        + "'s database password, a statistician's API token)";
  }
}
