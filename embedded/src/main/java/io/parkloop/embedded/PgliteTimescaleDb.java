package io.parkloop.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;

/**
 * TimescaleDB 2.23 <em>with</em> its TSL part (compression/columnstore, continuous aggregates,
 * policies), the edition deploy/ runs: PGlite (PostgreSQL 17.5 as WebAssembly) built with
 * TimescaleDB, served on 127.0.0.1 by Node.js through pglite-socket. The npm packages are pinned
 * by the {@code package-lock.json} beside {@code server.mjs} in this package's resources and
 * installed with {@code npm ci} once per lock into the build cache.
 *
 * <p>The server has one database, kept in memory, and one session: it serves one client
 * connection at a time and makes a second wait until the first closes. So {@link #dataSource}
 * hands every caller that same session, opened once; a caller's {@code close()} only rolls back
 * what it left open and resets its user and role. Callers therefore take turns, which Flyway and the
 * tests do; concurrent callers would interleave statements in one session and must not share it.
 */
public final class PgliteTimescaleDb implements AutoCloseable {
  private static final org.slf4j.Logger log = LoggerFactory.getLogger(PgliteTimescaleDb.class);
  private static final String RESOURCES = "pglite/";
  private static final List<String> FILES = List.of("package.json", "package-lock.json", "server.mjs");
  private static final long INSTALL_TIMEOUT_SECONDS = 600;
  private static final long START_TIMEOUT_SECONDS = 120;
  private static final long STOP_TIMEOUT_SECONDS = 10;
  /** pglite-socket's fixed credentials: it checks none, but pgjdbc must send a password. */
  private static final String USER = "postgres";
  private static final String PASSWORD = "postgres";

  private final Process server;
  private final int port;
  private final Thread stopOnExit;
  private Connection session;
  private boolean closed;

  private PgliteTimescaleDb(Process server, int port) {
    this.server = server;
    this.port = port;
    this.stopOnExit = new Thread(server::destroy, "pglite-" + port + "-stopper");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /** Installs the npm packages unless the cache has them, starts the server, waits until it listens. */
  public static PgliteTimescaleDb start() {
    long started = System.nanoTime();
    Path node = Commands.require("node", "Node.js 18 or later; .ci/run installs Debian's nodejs");
    Path installed = install();
    int port = FreePorts.pick();
    try {
      Process server = new ProcessBuilder(node.toString(), "server.mjs", String.valueOf(port))
          .directory(installed.toFile()).redirectErrorStream(true).start();
      PgliteTimescaleDb pglite = new PgliteTimescaleDb(server, port);
      pglite.awaitListening(server.getInputStream());
      log.info("TimescaleDB (PGlite, with TSL) started on 127.0.0.1:{} in {} ms", port,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return pglite;
    } catch (IOException e) {
      throw new UncheckedIOException("PGlite did not start from " + installed, e);
    }
  }

  private static Path install() {
    byte[][] contents = new byte[FILES.size()][];
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
      for (int i = 0; i < FILES.size(); i++) {
        try (InputStream file = PgliteTimescaleDb.class.getResourceAsStream(RESOURCES + FILES.get(i))) {
          if (file == null) {
            throw new IllegalStateException("resource " + RESOURCES + FILES.get(i) + " is missing");
          }
          contents[i] = file.readAllBytes();
          digest.update(contents[i]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    String key = HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    Path npm = Commands.require("npm", "Node.js's npm; .ci/run installs Debian's npm");
    return BuildCache.entry("pglite-timescaledb-" + key, into -> {
      for (int i = 0; i < FILES.size(); i++) {
        Files.write(into.resolve(FILES.get(i)), contents[i]);
      }
      // pglite-socket asks for @electric-sql/pglite 0.3.15 as a peer; the alias in package.json
      // gives it the TimescaleDB build of 0.3.14 instead, which npm's peer check would refuse
      Commands.run(List.of(npm.toString(), "ci", "--legacy-peer-deps", "--no-audit", "--no-fund", "--prefix",
          into.toString()), into.resolve("npm-ci.log"), INSTALL_TIMEOUT_SECONDS);
    });
  }

  private void awaitListening(InputStream output) {
    BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    CompletableFuture<Void> listening = CompletableFuture.runAsync(() -> {
      try {
        String line;
        while ((line = lines.readLine()) != null) {
          seen.append(line).append('\n');
          if (line.startsWith("parkloop-pglite listening")) {
            return;
          }
        }
        throw new IllegalStateException("PGlite exited before listening:\n" + seen);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    try {
      listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      close();
      throw new IllegalStateException("PGlite did not listen within " + START_TIMEOUT_SECONDS + " s:\n" + seen, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while starting PGlite", e);
    }
    // keep draining its output (the server's DEBUG notices) so that it never blocks on a full pipe
    Thread drain = new Thread(() -> {
      try {
        while (lines.readLine() != null) {
          // not needed: the tests read what they check through SQL
        }
      } catch (IOException ignored) {
        // the server stopped
      }
    }, "pglite-" + port + "-output");
    drain.setDaemon(true);
    drain.start();
  }

  public int port() {
    return port;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER + "&password=" + PASSWORD
        + "&sslmode=disable";
  }

  /** The one session, shared by every caller in turn (see the class comment). */
  public DataSource dataSource() {
    return new SharedSession();
  }

  private synchronized Connection session() throws SQLException {
    if (closed) {
      throw new SQLException("PGlite on 127.0.0.1:" + port + " is stopped");
    }
    if (session == null || session.isClosed()) {
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setUrl(jdbcUrl());
      session = dataSource.getConnection();
    }
    return session;
  }

  /** The caller's view of the session: closing it ends the caller's turn, not the session. */
  private Connection turn(Connection session) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "close" -> {
              endTurn(session);
              return null;
            }
            case "isClosed" -> {
              return closed || session.isClosed();
            }
            case "unwrap", "isWrapperFor" -> {
              if (args[0] == Connection.class) {
                return method.getName().equals("unwrap") ? proxy : true;
              }
            }
            default -> { }
          }
          try {
            return method.invoke(session, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static void endTurn(Connection session) throws SQLException {
    if (session.isClosed()) {
      return;
    }
    if (!session.getAutoCommit()) {
      session.rollback();
      session.setAutoCommit(true);
    }
    try (Statement reset = session.createStatement()) {
      // the session user too, as a test may have become a login with SET SESSION AUTHORIZATION;
      // PGlite's RESET SESSION AUTHORIZATION keeps the login, so the user is named
      reset.execute("set session authorization " + USER + "; reset role");
    }
  }

  /** Stops the server; its in-memory database is gone. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException shuttingDown) {
      // closed by the JVM's exit: the hook runs anyway
    }
    try {
      if (session != null) {
        session.close();
      }
    } catch (SQLException e) {
      log.warn("the PGlite session did not close cleanly", e);
    }
    server.destroy();
    try {
      if (!server.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.destroyForcibly();
    }
    log.info("TimescaleDB (PGlite) on 127.0.0.1:{} stopped", port);
  }

  private final class SharedSession implements DataSource {
    @Override
    public Connection getConnection() throws SQLException {
      return turn(session());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException("PGlite has one session, opened as " + USER);
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
      // nothing is logged through it
    }

    @Override
    public void setLoginTimeout(int seconds) {
      // the session is opened once
    }

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
