package io.parkloop.ingest;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records to Kafka from a thread of its own and tries each again, with growing pauses,
 * until Kafka has taken it; only then does it run the caller's callback. The caller never waits:
 * {@code Producer.send} itself can block for {@code max.block.ms} while the brokers are
 * unreachable or the producer's buffer is full, which on a selector thread would stall every
 * connection. Records go to the producer in the order given; one that has to be retried may
 * land after later ones, which downstream copes with as it does with MQTT redeliveries.
 */
final class RetryingKafkaSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingKafkaSender.class);
  private static final long FIRST_RETRY_MILLIS = 500;
  private static final long MAX_RETRY_MILLIS = 30_000;
  private static final long CLOSE_WAIT_SECONDS = 5;

  private final Producer<byte[], byte[]> producer;
  private final IngestMetrics metrics;
  private final ScheduledThreadPoolExecutor executor;

  RetryingKafkaSender(Producer<byte[], byte[]> producer, IngestMetrics metrics, String threadName) {
    this.producer = producer;
    this.metrics = metrics;
    this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, threadName);
      thread.setDaemon(true);
      return thread;
    });
    // A retry still waiting at close is dropped rather than waited for: its sender never got an
    // acknowledgement for it and will send it again.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** Sends {@code record}; {@code onTaken} runs once Kafka has acknowledged it, on a Kafka thread. */
  void send(ProducerRecord<byte[], byte[]> record, Runnable onTaken) {
    schedule(record, onTaken, 0, 0);
  }

  private void attempt(ProducerRecord<byte[], byte[]> record, Runnable onTaken, int attempt) {
    long started = System.nanoTime();
    try {
      producer.send(record, (metadata, error) -> {
        if (error == null) {
          metrics.kafkaSent(System.nanoTime() - started);
          onTaken.run();
        } else {
          retry(record, onTaken, attempt, error);
        }
      });
    } catch (RuntimeException e) { // what send throws instead of calling back, e.g. a closed producer
      retry(record, onTaken, attempt, e);
    }
  }

  private void retry(ProducerRecord<byte[], byte[]> record, Runnable onTaken, int attempt, Exception error) {
    long delay = Math.min(MAX_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(attempt, 6));
    metrics.kafkaSendFailed();
    LOG.warn("Kafka did not take a record for {} (attempt {}), retrying in {} ms: {}",
        record.topic(), attempt + 1, delay, error.toString());
    schedule(record, onTaken, attempt + 1, delay);
  }

  private void schedule(ProducerRecord<byte[], byte[]> record, Runnable onTaken, int attempt, long delayMillis) {
    try {
      executor.schedule(() -> attempt(record, onTaken, attempt), delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      LOG.warn("closing: a record for {} was not sent; its sender was not acknowledged and will send it again",
          record.topic());
    }
  }

  /**
   * Hands the producer every record given so far (waiting up to 5 s for it to take them), drops
   * the retries still waiting, and flushes the producer.
   */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("closing: Kafka sends still blocked after {} s; giving up on them", CLOSE_WAIT_SECONDS);
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    producer.flush();
  }
}
