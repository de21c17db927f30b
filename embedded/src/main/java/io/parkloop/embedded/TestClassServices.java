package io.parkloop.embedded;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The services of {@link SharedServices} as one test class sees them. Test classes share the
 * servers but not their data: each gets a suffix of its own for Kafka topics (and, if it
 * likes, MQTT client ids and topics) and a PostgreSQL database of its own, so no class reads
 * what another wrote and the order of classes does not matter.
 */
public final class TestClassServices {
  /** Tells apart classes of the same simple name in different packages. */
  private static final AtomicInteger CLASSES = new AtomicInteger();
  private static final int MAX_NAME_LENGTH = 40;

  private final EmbeddedKafka kafka;
  private final EmbeddedMqttBroker mqtt;
  private final LocalPostgres postgres;
  private final String suffix;
  private String jdbcUrl;

  TestClassServices(EmbeddedKafka kafka, EmbeddedMqttBroker mqtt, LocalPostgres postgres,
      Class<?> testClass) {
    this.kafka = kafka;
    this.mqtt = mqtt;
    this.postgres = postgres;
    String name = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    this.suffix = name.substring(0, Math.min(name.length(), MAX_NAME_LENGTH)) + "-"
        + CLASSES.incrementAndGet();
  }

  public EmbeddedKafka kafka() {
    return kafka;
  }

  public MqttBroker mqtt() {
    return mqtt;
  }

  public LocalPostgres postgres() {
    return postgres;
  }

  /** This class's suffix, like {@code bridgeit-3}: lower-case letters, digits and a dash. */
  public String suffix() {
    return suffix;
  }

  /** This class's name for a topic: {@code a.b} becomes {@code a.b.bridgeit-3}. */
  public String topic(String base) {
    return base + "." + suffix;
  }

  /** Creates this class's topic for {@code base} unless it exists, and returns its name. */
  public String createTopic(String base, int partitions) {
    String topic = topic(base);
    kafka.createTopics(Map.of(topic, partitions));
    return topic;
  }

  /** The name of this class's database, like {@code test_bridgeit_3}. */
  public String databaseName() {
    return "test_" + suffix.replace('-', '_');
  }

  /** The JDBC URL of this class's database, which the first call creates. */
  public synchronized String jdbcUrl() {
    if (jdbcUrl == null) {
      jdbcUrl = postgres.createDatabase(databaseName());
    }
    return jdbcUrl;
  }

  /** Connections to this class's database, which the first call creates. */
  public DataSource dataSource() {
    jdbcUrl();
    return postgres.dataSource(databaseName());
  }
}
