package io.parkloop.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.parkloop.readside.ApiTokens;
import io.parkloop.readside.DatabaseRoles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only query API of {@code ./parkloop serve} (docs/security.md): every request but the
 * OpenAPI document needs a bearer token; its query runs in a read-only transaction under the
 * token's database role ({@code SET LOCAL ROLE}), so row-level security is the one guard of park
 * isolation, for the API as for SQL. The JDK's HTTP server: a few requests a minute from
 * statisticians' tools need no framework.
 */
public final class QueryApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(QueryApiServer.class);
  static final String OPENAPI_PATH = "/api/v1/openapi.json";
  static final Map<String, ApiRoute> ROUTES = Map.of(
      "/api/v1/indicators", new IndicatorsRoute(),
      "/api/v1/alerts", new AlertsRoute(),
      "/api/v1/acceptance", new AcceptanceRoute(),
      "/api/v1/progress", new ProgressRoute(),
      "/api/v1/flows", new FlowsRoute());
  private static final String BEARER = "Bearer ";
  private static final int THREADS = 4;

  private final DataSource database;
  private final InetSocketAddress address;
  private HttpServer server;
  private ExecutorService executor;

  /**
   * @param database connections as a user who may {@code SET ROLE} to every token's role (the
   *     migrations' owner, or a user granted those roles)
   * @param host the address to listen on, {@code 0.0.0.0} for every interface
   * @param port the port, or 0 for a free one ({@link #port()} tells which)
   */
  public QueryApiServer(DataSource database, String host, int port) {
    this.database = database;
    this.address = new InetSocketAddress(host, port);
  }

  public void start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    server = HttpServer.create(address, 0);
    server.createContext("/", this::handle);
    executor = Executors.newFixedThreadPool(THREADS);
    server.setExecutor(executor);
    server.start();
    LOG.info("query API on http://{}:{}/api/v1/ (OpenAPI: {})", address.getHostString(), port(), OPENAPI_PATH);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long started = System.nanoTime();
    String path = exchange.getRequestURI().getPath();
    Outcome outcome;
    try (exchange) {
      outcome = respond(exchange, path);
    } catch (IOException | RuntimeException e) {
      LOG.warn("{} {}: {}", exchange.getRequestMethod(), path, e.toString());
      throw e;
    }
    LOG.info("{} {} {} {} rows as {} in {} ms", exchange.getRequestMethod(), exchange.getRequestURI(), outcome.status,
        outcome.rows, outcome.role, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /** What the log line says about a request: never the token, only the role it stood for. */
  private record Outcome(int status, int rows, String role) {}

  private Outcome respond(HttpExchange exchange, String path) throws IOException {
    if (!exchange.getRequestMethod().equals("GET")) {
      exchange.getResponseHeaders().set("Allow", "GET");
      return error(exchange, 405, "method_not_allowed", "the API only reads: use GET");
    }
    if (path.equals(OPENAPI_PATH)) {
      return openApi(exchange);
    }
    ApiRoute route = ROUTES.get(path);
    if (route == null) {
      return error(exchange, 404, "not_found", "no endpoint " + path + "; see " + OPENAPI_PATH);
    }
    Optional<String> token = bearerToken(exchange);
    if (token.isEmpty()) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"parkloop\"");
      return error(exchange, 401, "unauthorized", "send the header Authorization: Bearer <token>"
          + " (./parkloop users token issues one)");
    }
    try {
      return answer(exchange, route, token.get());
    } catch (SQLException | RuntimeException e) {
      LOG.error("{} failed", exchange.getRequestURI(), e);
      return error(exchange, 500, "internal_error", "the server failed to answer; its log has the cause");
    }
  }

  /** Checks the token first, so that only its holder learns anything, even about a bad parameter. */
  private Outcome answer(HttpExchange exchange, ApiRoute route, String token) throws SQLException, IOException {
    String role;
    ApiBody body;
    try (Connection connection = database.getConnection()) {
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      try {
        Optional<String> tokenRole = ApiTokens.roleOf(connection, token);
        if (tokenRole.isEmpty()) {
          exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"parkloop\", error=\"invalid_token\"");
          return error(exchange, 401, "unauthorized", "the token is not one this server issued");
        }
        role = tokenRole.get();
        DatabaseRoles.setLocalRole(connection, role);
        body = route.answer(QueryParameters.parse(exchange.getRequestURI().getRawQuery(), route.parameters()), connection);
      } catch (BadRequest e) {
        return error(exchange, 400, "bad_request", e.getMessage());
      } catch (Forbidden e) {
        return error(exchange, 403, "forbidden", e.getMessage());
      } finally {
        connection.rollback(); // read-only: nothing to keep, and the role ends with the transaction
      }
    }
    exchange.getResponseHeaders().set("Content-Type", body.contentType());
    exchange.sendResponseHeaders(200, 0); // chunked: the body is written as it is made
    try (OutputStream out = exchange.getResponseBody()) {
      body.writer().writeTo(out);
    }
    return new Outcome(200, body.rows(), role);
  }

  static Optional<String> bearerToken(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    String token = header.substring(BEARER.length()).strip();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  private Outcome openApi(HttpExchange exchange) throws IOException {
    byte[] document;
    try (InputStream in = QueryApiServer.class.getResourceAsStream("openapi.json")) {
      document = in.readAllBytes();
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(200, document.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(document);
    }
    return new Outcome(200, 0, "-");
  }

  private static Outcome error(HttpExchange exchange, int status, String code, String message) throws IOException {
    byte[] body = ApiErrors.json(code, message);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
    return new Outcome(status, 0, "-");
  }

  /** Stops at once; a request in progress is cut off. */
  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
