package io.parkloop.jobs;

import io.parkloop.avro.DeadLetter;
import io.parkloop.jobs.records.DeadLetterRow;
import io.parkloop.jobs.sinks.JdbcUpsertSink;
import io.parkloop.schemas.AvroCodec;
import io.parkloop.schemas.Topics;
import io.parkloop.storage.DeadLetterTable;
import java.io.IOException;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead-letter topic → the {@code dead_letter} table, so that live dead letters reach the
 * table (and the workbook's data-quality sheet) as replayed ones do, each exactly once: the sink
 * flushes before every checkpoint, and what a restart reads again is recognised as already there
 * ({@link DeadLetterTable#insertOnce}). Source and sink come from outside like the other jobs'.
 */
public final class DeadLetterJob {
  private final Source<DeadLetterRow, ?, ?> deadLetters;
  private final Sink<DeadLetterRow> table;

  public DeadLetterJob(Source<DeadLetterRow, ?, ?> deadLetters, Sink<DeadLetterRow> table) {
    this.deadLetters = deadLetters;
    this.table = table;
  }

  public void build(StreamExecutionEnvironment env) {
    env.fromSource(deadLetters, WatermarkStrategy.noWatermarks(), "dead-letters").uid("dead-letters-source")
        .sinkTo(table).name("dead-letter-table-sink").uid("dead-letter-table-sink");
  }

  /** The dead-letter topic from its start when there is no checkpoint (the table skips what it has). */
  public static KafkaSource<DeadLetterRow> kafkaSource(String bootstrapServers, String groupId) {
    return KafkaSource.<DeadLetterRow>builder()
        .setBootstrapServers(bootstrapServers)
        .setTopics(Topics.DEAD_LETTERS)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(new Deserializer())
        .build();
  }

  public static Sink<DeadLetterRow> postgresTable(String jdbcUrl, JobSettings settings) {
    return new JdbcUpsertSink<DeadLetterRow>("dead-letters", jdbcUrl,
        (connection, rows) -> DeadLetterTable.insertOnce(connection, rows.stream().map(DeadLetterRow::toRecord).toList()),
        DeadLetterRow::key, settings.sinkBatchRows(), settings.sinkFlushInterval().toMillis());
  }

  /** Decodes the topic's Avro records; one that will not decode is logged with its position and left on the topic. */
  static final class Deserializer implements KafkaRecordDeserializationSchema<DeadLetterRow> {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterJob.class);
    private transient AvroCodec<DeadLetter> codec;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<DeadLetterRow> out) {
      if (codec == null) {
        codec = AvroCodec.of(DeadLetter.class);
      }
      try {
        DeadLetter letter = codec.decode(record.value());
        byte[] payload = new byte[letter.getPayload().remaining()];
        letter.getPayload().duplicate().get(payload);
        out.collect(new DeadLetterRow(letter.getReceivedAt().toEpochMilli(), letter.getSource(), letter.getReason(),
            letter.getDetail(), payload, letter.getElement()));
      } catch (IOException e) {
        LOG.error("undecodable dead letter at {}-{} offset {}: {}", record.topic(), record.partition(),
            record.offset(), e.getMessage());
      }
    }

    @Override
    public TypeInformation<DeadLetterRow> getProducedType() {
      return TypeInformation.of(DeadLetterRow.class);
    }
  }
}
