package io.parkloop.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TimescaleDB's Apache edition (hypertables, {@code time_bucket}, {@code drop_chunks}; no
 * compression, continuous aggregates or policies) as a normal multi-connection PostgreSQL 17
 * server on 127.0.0.1: Debian trixie's {@code postgresql-17-timescaledb}. Bookworm has no
 * TimescaleDB and trixie's library needs glibc 2.38, so the server runs inside a trixie root
 * that {@code debootstrap} makes once in the build cache ({@link BuildCache}), entered with
 * {@code chroot} as trixie's {@code postgres} user (PostgreSQL refuses to run as root). Needs
 * root, {@code debootstrap} and {@code chroot}; each start gets a new cluster of its own.
 */
public final class DebianTimescaleDb implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DebianTimescaleDb.class);
  public static final String USER = "postgres";
  /** Debian trixie's server and extension; the trixie root is built once with both. */
  private static final String PACKAGES = "postgresql-17,postgresql-17-timescaledb";
  private static final String CACHE_ENTRY = "debian-trixie-postgresql-17-timescaledb";
  private static final String BIN = "/usr/lib/postgresql/17/bin/";
  private static final long BUILD_TIMEOUT_SECONDS = 1_800;
  private static final long START_TIMEOUT_MILLIS = 60_000;
  private static final long STOP_TIMEOUT_SECONDS = 30;

  private final Process server;
  private final Path root;
  /** The cluster's directory as the chroot sees it, e.g. {@code /var/tmp/parkloop-…}. */
  private final String instance;
  private final int port;
  private final Thread stopOnExit;
  private boolean closed;

  private DebianTimescaleDb(Process server, Path root, String instance, int port) {
    this.server = server;
    this.root = root;
    this.instance = instance;
    this.port = port;
    // a child process would outlive a JVM that exits without closing it
    this.stopOnExit = new Thread(this::stopServer, "timescaledb-" + port + "-stopper");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /** The trixie root, built on first use (about a minute; later starts reuse it). */
  public static Path trixieRoot() {
    if (!Commands.runningAsRoot()) {
      throw new IllegalStateException("TimescaleDB (Debian trixie) needs root: debootstrap and chroot run as root");
    }
    Path debootstrap = Commands.require("debootstrap", "apt-get install debootstrap; .ci/run does");
    Commands.require("chroot", "coreutils");
    return BuildCache.entry(CACHE_ENTRY, into -> {
      String mirror = DebianMirror.find();
      long started = System.nanoTime();
      log.info("building a Debian trixie root with {} in {} from {} (once per machine)", PACKAGES, into, mirror);
      Commands.run(List.of(debootstrap.toString(), "--variant=minbase", "--include=" + PACKAGES, "trixie",
          into.toString(), mirror), BuildCache.root().resolve(CACHE_ENTRY + ".log"), BUILD_TIMEOUT_SECONDS);
      log.info("Debian trixie root built in {} s", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    });
  }

  /** Starts a new cluster on a free port and returns once it accepts connections. */
  public static DebianTimescaleDb start() {
    long started = System.nanoTime();
    Path root = trixieRoot();
    String instance = "/var/tmp/parkloop-" + UUID.randomUUID();
    Path instanceDir = root.resolve(instance.substring(1));
    int port = FreePorts.pick();
    try {
      Files.createDirectories(instanceDir);
      Path initdbLog = instanceDir.resolve("initdb.log");
      Commands.run(List.of("chroot", root.toString(), "chown", USER + ":" + USER, instance), initdbLog, 60);
      Commands.run(asPostgres(root, BIN + "initdb", "-D", instance + "/data", "-U", USER, "--auth=trust",
          "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"), initdbLog, 120);
      Process server = new ProcessBuilder(asPostgres(root, BIN + "postgres", "-D", instance + "/data",
          "-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1",
          "-c", "unix_socket_directories=" + instance,
          "-c", "shared_preload_libraries=timescaledb", "-c", "timescaledb.telemetry_level=off",
          // test clusters: a crash loses nothing that matters, and fsyncs are slow on a shared disk
          "-c", "fsync=off", "-c", "synchronous_commit=off"))
          .redirectErrorStream(true).redirectOutput(instanceDir.resolve("postgres.log").toFile()).start();
      DebianTimescaleDb timescaleDb = new DebianTimescaleDb(server, root, instance, port);
      timescaleDb.awaitConnections(instanceDir.resolve("postgres.log"));
      log.info("TimescaleDB (Debian trixie) started on 127.0.0.1:{} in {} ms", port,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return timescaleDb;
    } catch (IOException e) {
      throw new UncheckedIOException("TimescaleDB (Debian trixie) did not start in " + instanceDir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting TimescaleDB", e);
    }
  }

  private static List<String> asPostgres(Path root, String... command) {
    List<String> line = new ArrayList<>(List.of("chroot", "--userspec=" + USER + ":" + USER, root.toString()));
    line.addAll(List.of(command));
    return line;
  }

  private void awaitConnections(Path serverLog) throws InterruptedException {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    SQLException last = null;
    while (System.currentTimeMillis() < deadline) {
      if (!server.isAlive()) {
        throw new IllegalStateException("TimescaleDB exited with " + server.exitValue() + ":\n" + Commands.tail(serverLog));
      }
      try (Connection connection = dataSource(LocalPostgres.DEFAULT_DATABASE).getConnection()) {
        return;
      } catch (SQLException e) {
        last = e;
        Thread.sleep(200);
      }
    }
    close();
    throw new IllegalStateException("TimescaleDB accepted no connection within " + START_TIMEOUT_MILLIS + " ms ("
        + (last == null ? "" : last.getMessage()) + "):\n" + Commands.tail(serverLog));
  }

  public int port() {
    return port;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
  }

  public DataSource dataSource(String database) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setServerNames(new String[] {"127.0.0.1"});
    dataSource.setPortNumbers(new int[] {port});
    dataSource.setDatabaseName(database);
    dataSource.setUser(USER);
    return dataSource;
  }

  /** Creates the database unless it exists, and returns its JDBC URL. */
  public String createDatabase(String name) {
    PostgresDatabases.createUnlessExists(dataSource(LocalPostgres.DEFAULT_DATABASE), name);
    return jdbcUrl(name);
  }

  /** A fast shutdown (sessions are cut), then the cluster's directory is deleted. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException shuttingDown) {
      // closed by the JVM's exit: the hook runs anyway, and stopping twice is harmless
    }
    stopServer();
    try {
      BuildCache.delete(root.resolve(instance.substring(1)));
    } catch (IOException e) {
      log.warn("could not delete the TimescaleDB cluster in {}{}", root, instance, e);
    }
    log.info("TimescaleDB (Debian trixie) on 127.0.0.1:{} stopped", port);
  }

  private void stopServer() {
    try {
      // SIGINT is PostgreSQL's fast shutdown; Process.destroy's SIGTERM would wait for every client
      new ProcessBuilder("kill", "-INT", String.valueOf(server.pid())).start().waitFor();
      if (!server.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor();
      }
    } catch (IOException e) {
      server.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.destroyForcibly();
    }
  }
}
