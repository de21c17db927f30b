package io.parkloop.ingest;

import io.parkloop.avro.Reading;
import io.parkloop.schemas.AvroCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a readings topic from its start on a thread of its own while a test runs, keeping the
 * key (meter, ts) of every reading, so the test can wait for progress and compare sets.
 */
final class ReadingsOnKafka implements AutoCloseable {
  private static final AvroCodec<Reading> READINGS = AvroCodec.of(Reading.class);
  private static final long AWAIT_STEP_MILLIS = 20;

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Set<String> keys = ConcurrentHashMap.newKeySet();
  private final AtomicLong records = new AtomicLong();
  private final Thread thread;
  private volatile RuntimeException failure;

  private ReadingsOnKafka(KafkaConsumer<byte[], byte[]> consumer) {
    this.consumer = consumer;
    this.thread = new Thread(this::consume, "readings-on-kafka");
  }

  /** Starts reading every partition of {@code topic}, which must exist, from offset 0. */
  static ReadingsOnKafka follow(String bootstrapServers, String topic) {
    // no group: the test reads everything itself, without waiting for a rebalance
    var consumer = new KafkaConsumer<>(Map.<String, Object>of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(info -> new TopicPartition(topic, info.partition()))
        .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    ReadingsOnKafka readings = new ReadingsOnKafka(consumer);
    readings.thread.start();
    return readings;
  }

  private void consume() {
    try {
      while (true) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          Reading reading = READINGS.decode(record.value());
          keys.add(TestReading.key(reading.getMeter(), reading.getTs()));
          records.incrementAndGet();
        }
      }
    } catch (WakeupException closing) {
      // close() stops the loop this way
    } catch (IOException e) {
      failure = new UncheckedIOException("a record on the readings topic is no Reading", e);
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      consumer.close();
    }
  }

  /** Distinct readings seen so far. */
  int distinct() {
    return keys.size();
  }

  /** Records seen so far, duplicates included. */
  long records() {
    return records.get();
  }

  /** Waits until at least {@code count} distinct readings were seen; false on timeout. */
  boolean awaitDistinct(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (keys.size() < count && System.nanoTime() < deadline) {
      checkAlive();
      Thread.sleep(AWAIT_STEP_MILLIS);
    }
    return keys.size() >= count;
  }

  /** Waits until every one of {@code expected} was seen, and returns those that never came. */
  Set<String> missingAfter(Set<String> expected, Duration timeout) throws InterruptedException {
    awaitDistinct(expected.size(), timeout);
    Set<String> missing = new HashSet<>(expected);
    missing.removeAll(keys);
    return missing;
  }

  /** Readings seen that no one published: stray input, or a mix-up of topics. */
  Set<String> unexpected(Set<String> expected) {
    Set<String> stray = new HashSet<>(keys);
    stray.removeAll(expected);
    return stray;
  }

  private void checkAlive() {
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join();
  }
}
