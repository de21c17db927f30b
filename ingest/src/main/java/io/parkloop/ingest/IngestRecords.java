package io.parkloop.ingest;

import io.parkloop.avro.DeadLetter;
import io.parkloop.avro.Reading;
import io.parkloop.schemas.AvroCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Builds the Kafka records of ingest: readings keyed by meter, dead letters keyed by reason. */
public final class IngestRecords {
  /**
   * The most of a rejected payload a dead letter keeps. Kafka takes records of about 1 MB by
   * default; a dead letter carrying a bigger payload whole (a gateway's batch with one bad
   * element, say) would be refused, retried for ever, and its MQTT message never acknowledged.
   */
  public static final int MAX_DEAD_LETTER_PAYLOAD_BYTES = 256 * 1024;
  private static final AvroCodec<Reading> READINGS = AvroCodec.of(Reading.class);
  private static final AvroCodec<DeadLetter> DEAD_LETTERS = AvroCodec.of(DeadLetter.class);

  private final IngestTopics topics;

  public IngestRecords(IngestTopics topics) {
    this.topics = topics;
  }

  public ProducerRecord<byte[], byte[]> reading(Reading reading) {
    return new ProducerRecord<>(topics.readings(), utf8(reading.getMeter()), READINGS.encode(reading));
  }

  public ProducerRecord<byte[], byte[]> deadLetter(Rejection rejection, String source, byte[] payload,
      Instant receivedAt) {
    boolean cut = payload.length > MAX_DEAD_LETTER_PAYLOAD_BYTES;
    DeadLetter letter = DeadLetter.newBuilder()
        .setReason(rejection.reason())
        .setDetail(cut ? rejection.detail() + String.format(Locale.ROOT, " (payload cut to its first %,d of %,d bytes)",
            MAX_DEAD_LETTER_PAYLOAD_BYTES, payload.length) : rejection.detail())
        .setSource(source)
        .setPayload(ByteBuffer.wrap(cut ? Arrays.copyOf(payload, MAX_DEAD_LETTER_PAYLOAD_BYTES) : payload))
        .setElement(rejection.element())
        .setReceivedAt(receivedAt)
        .build();
    return new ProducerRecord<>(topics.deadLetters(), utf8(rejection.reason()), DEAD_LETTERS.encode(letter));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
