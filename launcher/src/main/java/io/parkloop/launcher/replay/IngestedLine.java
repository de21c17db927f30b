package io.parkloop.launcher.replay;

import io.parkloop.avro.DeadLetter;
import io.parkloop.avro.Reading;
import io.parkloop.schemas.AvroCodec;
import io.parkloop.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What ingest made of one line of a replayed file: the records it would have sent to Kafka,
 * decoded again so that the replay can count and store them.
 *
 * @param readingValues the readings topic's record values, as the job's deserializer reads them
 * @param readings the same readings, decoded
 */
public record IngestedLine(List<byte[]> readingValues, List<Reading> readings, List<DeadLetter> deadLetters) {
  private static final AvroCodec<Reading> READINGS = AvroCodec.of(Reading.class);
  private static final AvroCodec<DeadLetter> DEAD_LETTERS = AvroCodec.of(DeadLetter.class);

  static IngestedLine of(List<ProducerRecord<byte[], byte[]>> records) {
    List<byte[]> values = new ArrayList<>();
    List<Reading> readings = new ArrayList<>();
    List<DeadLetter> deadLetters = new ArrayList<>();
    try {
      for (ProducerRecord<byte[], byte[]> record : records) {
        if (record.topic().equals(Topics.READINGS)) {
          values.add(record.value());
          readings.add(READINGS.decode(record.value()));
        } else {
          deadLetters.add(DEAD_LETTERS.decode(record.value()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("ingest wrote a record its own schema cannot read", e);
    }
    return new IngestedLine(values, readings, deadLetters);
  }

  /** The newest timestamp among the line's readings, or Long.MIN_VALUE when it has none. */
  long newestTs() {
    return readings.stream().mapToLong(reading -> reading.getTs().toEpochMilli()).max().orElse(Long.MIN_VALUE);
  }
}
