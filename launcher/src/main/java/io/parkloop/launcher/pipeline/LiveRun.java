package io.parkloop.launcher.pipeline;

import io.parkloop.reference.ReferenceData;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What {@code run} and {@code demo} share: start the services and the pipeline, say where they
 * listen, print the live table every few seconds until the duration is over or Ctrl-C, then
 * stop everything in order.
 */
public final class LiveRun {
  /** Something to do every tick besides printing (the demo's simulator). */
  public interface Tick extends AutoCloseable {
    void tick(java.time.Instant now) throws Exception;

    @Override
    default void close() throws Exception {}
  }

  private LiveRun() {}

  public static int run(ServiceOptions services, Supplier<ReferenceData> references, Duration duration, Duration tableEvery,
      Duration tickEvery, PrintStream out, TickSetup setup) throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stopped.countDown();
      awaitQuietly(done);
    }, "parkloop-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    long started = System.nanoTime();
    ReferenceData reference = references.get();
    out.println("parkloop: starting the services (data in " + services.dataDir.toAbsolutePath() + ") ...");
    try (LocalStack stack = LocalStack.start(services);
        Pipeline pipeline = Pipeline.start(stack, references, services.dataDir.toAbsolutePath(), services.hj212Port,
            services.metricsPort)) {
      out.printf("parkloop: pipeline running after %.1f s for %d parks, %d enterprises, %d meters. Connect with:%n",
          (System.nanoTime() - started) / 1e9, reference.parks().size(), reference.enterprises().size(),
          reference.meters().size());
      stack.printConnectionInfo(out);
      if (services.jdbc == null) {
        LocalSecrets secrets = LocalSecrets.of(services.dataDir);
        secrets.applyTo(pipeline.database());
        out.println(secrets.describe());
      }
      if (pipeline.metricsPort() > 0) {
        out.println("  Metrics http://127.0.0.1:" + pipeline.metricsPort() + "/metrics  (Prometheus)");
      }
      if (pipeline.hj212Port() > 0) {
        out.println("  HJ 212 tcp://0.0.0.0:" + pipeline.hj212Port() + "  (analysers connect here; also MQTT topic parkloop/v1/hj212/{MN})");
      }
      out.println(duration == null ? "Press Ctrl-C to stop." : "Stopping by itself after " + duration.toSeconds() + " s (or Ctrl-C).");
      try (Tick tick = setup.prepare(stack, out)) {
        loop(tick, new LiveTable(pipeline.metrics(), pipeline.lag(), pipeline.database(), out), duration, tableEvery, tickEvery, stopped);
      }
      out.println("parkloop: stopping ...");
    } finally {
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is already running and waits for `done`
      }
    }
    out.println("parkloop: stopped. Indicators: ./parkloop export --data-dir " + services.dataDir);
    return 0;
  }

  private static void loop(Tick tick, LiveTable table, Duration duration, Duration tableEvery, Duration tickEvery,
      CountDownLatch stopped) throws Exception {
    long begin = System.nanoTime();
    long nextTable = begin + tableEvery.toNanos();
    while (duration == null || System.nanoTime() - begin < duration.toNanos()) {
      tick.tick(java.time.Instant.now());
      if (stopped.await(tickEvery.toMillis(), TimeUnit.MILLISECONDS)) {
        break;
      }
      if (System.nanoTime() >= nextTable) {
        table.print(Duration.ofNanos(System.nanoTime() - begin));
        nextTable += tableEvery.toNanos();
      }
    }
    // let the last readings through the bridge and the job before the final table
    Thread.sleep(tickEvery.toMillis() + 1_500);
    table.print(Duration.ofNanos(System.nanoTime() - begin));
  }

  /** Prepares the per-tick work once the services are up. */
  public interface TickSetup {
    Tick prepare(LocalStack stack, PrintStream out) throws Exception;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
