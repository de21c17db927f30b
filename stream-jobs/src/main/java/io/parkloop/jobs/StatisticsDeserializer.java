package io.parkloop.jobs;

import io.parkloop.avro.MonthlyStatistics;
import io.parkloop.jobs.records.StatisticsRow;
import io.parkloop.schemas.AvroCodec;
import java.io.IOException;
import java.time.YearMonth;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decodes the statistics topic; an undecodable record is logged with its position and skipped. */
public class StatisticsDeserializer implements KafkaRecordDeserializationSchema<StatisticsRow> {
  private static final Logger LOG = LoggerFactory.getLogger(StatisticsDeserializer.class);
  private transient AvroCodec<MonthlyStatistics> codec;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<StatisticsRow> out) {
    if (codec == null) {
      codec = AvroCodec.of(MonthlyStatistics.class);
    }
    try {
      out.collect(toRow(codec.decode(record.value())));
    } catch (IOException | RuntimeException e) {
      LOG.error("undecodable statistics at {}-{} offset {}: {}", record.topic(), record.partition(), record.offset(),
          e.getMessage());
    }
  }

  public static StatisticsRow toRow(MonthlyStatistics statistics) {
    long monthStart = YearMonth.parse(statistics.getMonth()).atDay(1).atStartOfDay(Periods.ZONE).toInstant().toEpochMilli();
    return new StatisticsRow(statistics.getEnterprise(), monthStart, statistics.getValueAdded10kCny(),
        statistics.getOutputValue10kCny(), statistics.getMaterialT());
  }

  @Override
  public TypeInformation<StatisticsRow> getProducedType() {
    return TypeInformation.of(StatisticsRow.class);
  }
}
