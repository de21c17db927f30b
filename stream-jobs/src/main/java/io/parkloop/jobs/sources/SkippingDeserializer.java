package io.parkloop.jobs.sources;

import io.parkloop.schemas.AvroCodec;
import java.io.IOException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a topic of Avro single-object messages for a job. A record that holds nothing the job
 * can read (written by something other than the bridge, a tombstone, a schema version this job
 * was not built with, a value the conversion refuses) must not stop the job, which would fail on
 * it again at every restart: it is skipped, logged with its position (the topic keeps it for
 * inspection) and counted in {@link UnreadableRecords}' metrics.
 *
 * @param <A> the topic's Avro type
 * @param <T> what the job reads
 */
abstract class SkippingDeserializer<A extends SpecificRecord, T> implements KafkaRecordDeserializationSchema<T> {
  private final Class<A> avroType;
  private final Class<T> producedType;
  private transient AvroCodec<A> codec;
  private transient UnreadableRecords unreadable;
  private transient Logger log;

  SkippingDeserializer(Class<A> avroType, Class<T> producedType) {
    this.avroType = avroType;
    this.producedType = producedType;
  }

  /** Passes on what the job reads of one decoded message. */
  abstract void emit(A message, Collector<T> out);

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    unreadable = UnreadableRecords.in(context.getMetricGroup());
  }

  @Override
  public final void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<T> out) {
    if (codec == null) {
      codec = AvroCodec.of(avroType);
      unreadable = unreadable == null ? UnreadableRecords.unregistered() : unreadable;
      log = LoggerFactory.getLogger(getClass());
    }
    if (record.value() == null) {
      unreadable.tombstone(log, record);
      return;
    }
    try {
      emit(codec.decode(record.value()), out);
    } catch (IOException | RuntimeException e) {
      unreadable.undecodable(log, record, e);
    }
  }

  /** The records skipped so far by this instance. */
  UnreadableRecords unreadable() {
    return unreadable;
  }

  @Override
  public TypeInformation<T> getProducedType() {
    return TypeInformation.of(producedType);
  }
}
