package io.parkloop.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension for tests that run on every database engine ({@link DatabaseEngine}): plain
 * PostgreSQL and TimescaleDB's Apache edition start once per test JVM, on first use, and each
 * test class gets a database of its own on them; TimescaleDB with TSL (PGlite, one database and
 * one session per server) starts once per test class. Everything stops when its scope ends.
 *
 * <pre>
 * &#64;ExtendWith(DatabaseEngines.class)
 * class DashboardQueriesIT {
 *   &#64;ParameterizedTest
 *   &#64;EnumSource(DatabaseEngine.class)
 *   void panels(DatabaseEngine engine, DatabaseEngines.ForClass databases) {
 *     TestDatabase database = databases.get(engine);
 *     ...
 * </pre>
 */
public final class DatabaseEngines implements ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(DatabaseEngines.class);
  private static final AtomicInteger CLASSES = new AtomicInteger();

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ForClass.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getParent().filter(parent -> parent != context.getRoot()).isPresent()) {
      classContext = classContext.getParent().get();
    }
    Servers servers = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(Servers.class, key -> new Servers(), Servers.class);
    Class<?> testClass = classContext.getRequiredTestClass();
    return classContext.getStore(NAMESPACE)
        .getOrComputeIfAbsent(ForClass.class, key -> new ForClass(servers, testClass), ForClass.class);
  }

  /** A test class's databases, one per engine, made on first use. */
  public static final class ForClass implements AutoCloseable {
    private final Servers servers;
    private final String databaseName;
    private final Map<DatabaseEngine, TestDatabase> databases = new EnumMap<>(DatabaseEngine.class);
    private PgliteTimescaleDb pglite;

    ForClass(Servers servers, Class<?> testClass) {
      this.servers = servers;
      String name = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
      this.databaseName = "test_" + name.substring(0, Math.min(name.length(), 40)) + "_" + CLASSES.incrementAndGet();
    }

    /** This class's database on {@code engine}; the first call starts the server if need be and prints what it runs. */
    public synchronized TestDatabase get(DatabaseEngine engine) {
      TestDatabase database = databases.get(engine);
      if (database == null) {
        database = switch (engine) {
          case POSTGRESQL -> {
            LocalPostgres postgres = servers.postgres();
            yield new TestDatabase(engine, postgres.dataSource(databaseName), postgres.createDatabase(databaseName));
          }
          case TIMESCALEDB_APACHE -> {
            DebianTimescaleDb timescaleDb = servers.timescaleDb();
            yield new TestDatabase(engine, timescaleDb.dataSource(databaseName), timescaleDb.createDatabase(databaseName));
          }
          case TIMESCALEDB_TSL -> {
            pglite = PgliteTimescaleDb.start();
            yield new TestDatabase(engine, pglite.dataSource(), pglite.jdbcUrl());
          }
        };
        databases.put(engine, database);
        System.out.println(engine + " for " + databaseName + ": " + database.describe());
      }
      return database;
    }

    @Override
    public synchronized void close() {
      if (pglite != null) {
        pglite.close();
      }
    }
  }

  /** The servers shared by the test JVM. */
  static final class Servers implements AutoCloseable {
    private LocalPostgres postgres;
    private DebianTimescaleDb timescaleDb;
    private Path postgresDir;

    synchronized LocalPostgres postgres() {
      if (postgres == null) {
        try {
          postgresDir = Files.createTempDirectory("parkloop-engines-postgres-");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        postgres = LocalPostgres.start(postgresDir, 0);
      }
      return postgres;
    }

    synchronized DebianTimescaleDb timescaleDb() {
      if (timescaleDb == null) {
        timescaleDb = DebianTimescaleDb.start();
      }
      return timescaleDb;
    }

    @Override
    public synchronized void close() throws IOException {
      if (timescaleDb != null) {
        timescaleDb.close();
      }
      if (postgres != null) {
        postgres.close();
        BuildCache.delete(postgresDir);
      }
    }
  }
}
