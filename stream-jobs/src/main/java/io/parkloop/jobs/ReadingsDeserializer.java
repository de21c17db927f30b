package io.parkloop.jobs;

import io.parkloop.avro.Reading;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.schemas.AvroCodec;
import java.io.IOException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the readings topic (Avro single-object encoding): meter readings and outlets' HJ 212
 * values. A record that is no reading (written by something other than the bridge, a tombstone,
 * a schema version this job was not built with) must not stop the job, which would fail on it
 * again at every restart: it is skipped, logged with its position (the topic keeps it for
 * inspection) and counted in {@link UnreadableRecords}' metrics.
 */
public class ReadingsDeserializer implements KafkaRecordDeserializationSchema<MeterReading> {
  private static final Logger LOG = LoggerFactory.getLogger(ReadingsDeserializer.class);
  private transient AvroCodec<Reading> codec;
  private transient UnreadableRecords unreadable;

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    unreadable = UnreadableRecords.in(context.getMetricGroup());
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<MeterReading> out) {
    if (codec == null) {
      codec = AvroCodec.of(Reading.class);
      unreadable = unreadable == null ? UnreadableRecords.unregistered() : unreadable;
    }
    if (record.value() == null) {
      unreadable.tombstone(LOG, record);
      return;
    }
    try {
      Reading reading = codec.decode(record.value());
      long ts = reading.getTs().toEpochMilli();
      long receivedAt = reading.getReceivedAt().toEpochMilli();
      if (reading.getKind() == null) {
        out.collect(new MeterReading(reading.getMeter(), ts, reading.getValue(), receivedAt));
        return;
      }
      MeterReading value = MeterReading.outlet(reading.getMeter(), ts, reading.getMedium(), reading.getKind(),
          reading.getValue(), reading.getFlag(), reading.getPeriod(), receivedAt);
      value.quantity = reading.getReading();
      out.collect(value);
    } catch (IOException | RuntimeException e) {
      unreadable.undecodable(LOG, record, e);
    }
  }

  /** The records skipped so far by this instance. */
  UnreadableRecords unreadable() {
    return unreadable;
  }

  @Override
  public TypeInformation<MeterReading> getProducedType() {
    return TypeInformation.of(MeterReading.class);
  }
}
