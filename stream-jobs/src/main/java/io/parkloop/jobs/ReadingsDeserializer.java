package io.parkloop.jobs;

import io.parkloop.avro.Reading;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.schemas.AvroCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the readings topic (Avro single-object encoding): meter readings and outlets' HJ 212
 * values. An undecodable record (written by something other than the bridge) is logged with its
 * position, since the topic itself keeps it for inspection.
 */
public class ReadingsDeserializer implements KafkaRecordDeserializationSchema<MeterReading> {
  private static final Logger LOG = LoggerFactory.getLogger(ReadingsDeserializer.class);
  private transient AvroCodec<Reading> codec;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<MeterReading> out) {
    if (codec == null) {
      codec = AvroCodec.of(Reading.class);
    }
    try {
      Reading reading = codec.decode(record.value());
      long ts = reading.getTs().toEpochMilli();
      long receivedAt = reading.getReceivedAt().toEpochMilli();
      out.collect(reading.getKind() == null
          ? new MeterReading(reading.getMeter(), ts, reading.getValue(), receivedAt)
          : MeterReading.outlet(reading.getMeter(), ts, reading.getMedium(), reading.getKind(), reading.getValue(),
              reading.getFlag(), reading.getPeriod(), receivedAt));
    } catch (IOException e) {
      LOG.error("undecodable record at {}-{} offset {}: {}", record.topic(), record.partition(), record.offset(),
          e.getMessage());
    }
  }

  @Override
  public TypeInformation<MeterReading> getProducedType() {
    return TypeInformation.of(MeterReading.class);
  }
}
