package io.parkloop.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JUnit 5 extension for integration tests: one Kafka, one MQTT broker (HiveMQ) and one
 * PostgreSQL per test JVM, started together the first time a test class needs them and
 * stopped when the JVM's tests are done. Each test class sees them through its own
 * {@link TestClassServices}, with its own topic names and its own database, injected into
 * constructors, lifecycle methods and test methods:
 *
 * <pre>
 * &#64;ExtendWith(SharedServices.class)
 * class BridgeIT {
 *   &#64;Test
 *   void forwards(TestClassServices services) {
 *     String topic = services.createTopic("parkloop.readings", 3);
 *     ...
 * </pre>
 */
public final class SharedServices implements BeforeAllCallback, ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(SharedServices.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    // start (or wait for) the services before the class's first test, not inside it
    forTestClass(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestClassServices.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return forTestClass(context);
  }

  /** The view of the outermost test class, so that its nested classes share its database. */
  private static TestClassServices forTestClass(ExtensionContext context) {
    Running running = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(Running.class, key -> Running.start(), Running.class);
    ExtensionContext classContext = context;
    while (classContext.getParent().filter(parent -> parent != context.getRoot()).isPresent()) {
      classContext = classContext.getParent().get();
    }
    Class<?> testClass = classContext.getRequiredTestClass();
    return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(TestClassServices.class,
        key -> new TestClassServices(running.kafka, running.mqtt, running.postgres, testClass),
        TestClassServices.class);
  }

  /**
   * The three services and their temporary data directory. JUnit closes it when the root
   * context ends, as it closes every {@link AutoCloseable} in a store (the replacement of the
   * deprecated {@code Store.CloseableResource}).
   */
  private static final class Running implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SharedServices.class);

    final EmbeddedKafka kafka;
    final EmbeddedMqttBroker mqtt;
    final LocalPostgres postgres;
    final Path dataDir;

    private Running(EmbeddedKafka kafka, EmbeddedMqttBroker mqtt, LocalPostgres postgres,
        Path dataDir) {
      this.kafka = kafka;
      this.mqtt = mqtt;
      this.postgres = postgres;
      this.dataDir = dataDir;
    }

    /** Starts the three at once: each takes seconds, mostly waiting, so together save time. */
    static Running start() {
      long started = System.nanoTime();
      Path dataDir;
      try {
        dataDir = Files.createTempDirectory("parkloop-test-services-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a directory for the test services", e);
      }
      ExecutorService starters = Executors.newFixedThreadPool(3);
      try {
        var kafka = CompletableFuture.supplyAsync(
            () -> EmbeddedKafka.start(dataDir.resolve("kafka"), 0), starters);
        var mqtt = CompletableFuture.supplyAsync(
            () -> EmbeddedMqttBroker.start(dataDir.resolve("mqtt"), 0), starters);
        var postgres = CompletableFuture.supplyAsync(
            () -> LocalPostgres.start(dataDir.resolve("postgres"), 0), starters);
        try {
          CompletableFuture.allOf(kafka, mqtt, postgres).join();
        } catch (CompletionException e) {
          // stop whichever did start before reporting the one that did not
          Stream.of(kafka, mqtt, postgres)
              .filter(f -> !f.isCompletedExceptionally())
              .map(CompletableFuture::join)
              .forEach(Running::closeQuietly);
          deleteQuietly(dataDir);
          throw e;
        }
        log.info("test services started in {} ms: Kafka {}, MQTT {}, PostgreSQL {}",
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
            kafka.join().bootstrapServers(), mqtt.join().url(), postgres.join().jdbcUrl());
        return new Running(kafka.join(), mqtt.join(), postgres.join(), dataDir);
      } finally {
        starters.shutdown();
      }
    }

    @Override
    public void close() {
      Stream.of(kafka, mqtt, postgres).forEach(Running::closeQuietly);
      deleteQuietly(dataDir);
    }

    private static void closeQuietly(AutoCloseable service) {
      try {
        service.close();
      } catch (Exception e) {
        log.warn("{} did not stop cleanly", service.getClass().getSimpleName(), e);
      }
    }

    private static void deleteQuietly(Path dir) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        log.warn("could not delete {}", dir, e);
      }
    }
  }
}
