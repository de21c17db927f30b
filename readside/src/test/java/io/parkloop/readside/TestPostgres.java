package io.parkloop.readside;

import io.parkloop.embedded.LocalPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL for the readside module's ITs, started by the first that asks and
 * stopped when the test JVM ends; each test gets a database of its own. (The shared services of
 * the other modules would start Kafka and an MQTT broker too, which nothing here needs.)
 */
public final class TestPostgres {
  private static LocalPostgres postgres;

  private TestPostgres() {}

  /** A new, empty database (lower-case letters, digits and underscores). */
  public static synchronized DataSource database(String name) {
    if (postgres == null) {
      Path dataDir;
      try {
        dataDir = Files.createTempDirectory("parkloop-storage-it-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      LocalPostgres started = LocalPostgres.start(dataDir, 0);
      postgres = started;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        started.close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
          paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
          // a temporary directory left behind is not worth failing the build for
        }
      }, "stop-test-postgres"));
    }
    postgres.createDatabase(name);
    return postgres.dataSource(name);
  }
}
