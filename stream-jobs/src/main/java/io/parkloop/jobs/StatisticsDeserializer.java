package io.parkloop.jobs;

import io.parkloop.avro.MonthlyStatistics;
import io.parkloop.jobs.records.StatisticsRow;
import io.parkloop.reference.Province;
import io.parkloop.schemas.AvroCodec;
import java.io.IOException;
import java.time.YearMonth;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the statistics topic. A tombstone (the topic is compacted, so someone may delete an
 * enterprise-month that way) or an undecodable record is skipped, logged with its position and
 * counted in {@link UnreadableRecords}' metrics, and the job carries on.
 */
public class StatisticsDeserializer implements KafkaRecordDeserializationSchema<StatisticsRow> {
  private static final Logger LOG = LoggerFactory.getLogger(StatisticsDeserializer.class);
  private transient AvroCodec<MonthlyStatistics> codec;
  private transient UnreadableRecords unreadable;

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    unreadable = UnreadableRecords.in(context.getMetricGroup());
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<StatisticsRow> out) {
    if (codec == null) {
      codec = AvroCodec.of(MonthlyStatistics.class);
      unreadable = unreadable == null ? UnreadableRecords.unregistered() : unreadable;
    }
    if (record.value() == null) {
      unreadable.tombstone(LOG, record);
      return;
    }
    try {
      out.collect(toRow(codec.decode(record.value())));
    } catch (IOException | RuntimeException e) {
      unreadable.undecodable(LOG, record, e);
    }
  }

  /** The records skipped so far by this instance. */
  UnreadableRecords unreadable() {
    return unreadable;
  }

  public static StatisticsRow toRow(MonthlyStatistics statistics) {
    long monthStart = YearMonth.parse(statistics.getMonth()).atDay(1).atStartOfDay(Province.ZONE).toInstant().toEpochMilli();
    return new StatisticsRow(statistics.getEnterprise(), monthStart, statistics.getValueAdded10kCny(),
        statistics.getOutputValue10kCny(), statistics.getMaterialT());
  }

  @Override
  public TypeInformation<StatisticsRow> getProducedType() {
    return TypeInformation.of(StatisticsRow.class);
  }
}
