package io.parkloop.ingest;

import io.parkloop.schemas.Topics;

/**
 * The Kafka topics ingest writes to. Production uses {@link #DEFAULT}, the names of
 * {@link Topics}; tests that share one Kafka cluster give each test class topics of its own.
 */
public record IngestTopics(String readings, String deadLetters, String waste) {
  public static final IngestTopics DEFAULT = new IngestTopics(Topics.READINGS, Topics.DEAD_LETTERS, Topics.WASTE);

  /** Readings and dead letters of a test's own; waste records on the production topic. */
  public IngestTopics(String readings, String deadLetters) {
    this(readings, deadLetters, Topics.WASTE);
  }
}
