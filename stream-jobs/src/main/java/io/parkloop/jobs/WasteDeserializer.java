package io.parkloop.jobs;

import io.parkloop.avro.WasteRecord;
import io.parkloop.jobs.records.WasteRow;
import io.parkloop.reference.Province;
import io.parkloop.schemas.AvroCodec;
import java.io.IOException;
import java.time.YearMonth;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decodes the waste topic; an undecodable record is logged with its position and skipped (ingest validated it). */
public class WasteDeserializer implements KafkaRecordDeserializationSchema<WasteRow> {
  private static final Logger LOG = LoggerFactory.getLogger(WasteDeserializer.class);
  private transient AvroCodec<WasteRecord> codec;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<WasteRow> out) {
    if (codec == null) {
      codec = AvroCodec.of(WasteRecord.class);
    }
    try {
      out.collect(toRow(codec.decode(record.value())));
    } catch (IOException | RuntimeException e) {
      LOG.error("undecodable waste record at {}-{} offset {}: {}", record.topic(), record.partition(), record.offset(),
          e.getMessage());
    }
  }

  public static WasteRow toRow(WasteRecord waste) {
    long monthStart = YearMonth.parse(waste.getMonth()).atDay(1).atStartOfDay(Province.ZONE).toInstant().toEpochMilli();
    return new WasteRow(waste.getEnterprise(), waste.getId(), monthStart, waste.getCategory(), waste.getHwCode(),
        waste.getFlow(), waste.getToEnterprise(), waste.getHandler(), waste.getTonnes());
  }

  @Override
  public TypeInformation<WasteRow> getProducedType() {
    return TypeInformation.of(WasteRow.class);
  }
}
