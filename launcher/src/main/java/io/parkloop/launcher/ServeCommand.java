package io.parkloop.launcher;

import io.parkloop.api.QueryApiServer;
import io.parkloop.launcher.pipeline.DatabaseOptions;
import io.parkloop.launcher.pipeline.LocalSecrets;
import io.parkloop.readside.Migrations;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parkloop serve}: the read-only query API over the data directory's database or an external one. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serves the read-only query API (GET /api/v1/indicators, alerts, acceptance, progress, "
        + "/api/v1/openapi.json) until Ctrl-C.",
        "Requests need a bearer token (./parkloop users token) and see what its database role may see."})
final class ServeCommand implements Callable<Integer> {
  @Mixin DatabaseOptions database;

  @Option(names = "--port", defaultValue = "8080", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
  String host;

  @Override
  public Integer call() throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stopped.countDown();
      awaitQuietly(done); // let the embedded database stop before the JVM ends
    }, "parkloop-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (CommandDatabase db = CommandDatabase.open(database, false)) {
      DataSource dataSource = db.dataSource();
      Migrations.migrate(dataSource);
      if (database.jdbc == null) {
        LocalSecrets secrets = LocalSecrets.of(database.dataDir);
        secrets.applyTo(dataSource);
        System.out.println(secrets.describe());
      }
      try (QueryApiServer server = new QueryApiServer(dataSource, host, port)) {
        server.start();
        System.out.println("parkloop: serving http://" + host + ":" + server.port() + "/api/v1/indicators"
            + " (OpenAPI: /api/v1/openapi.json). Press Ctrl-C to stop.");
        stopped.await();
      }
    } finally {
      done.countDown();
    }
    return 0;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
