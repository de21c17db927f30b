package io.parkloop.jobs.sources;

import io.parkloop.avro.MonthlyStatistics;
import io.parkloop.jobs.records.StatisticsRow;
import io.parkloop.reference.Province;
import java.time.YearMonth;
import org.apache.flink.util.Collector;

/**
 * Decodes the statistics topic. A tombstone (the topic is compacted, so someone may delete an
 * enterprise-month that way) or an undecodable record is skipped and counted ({@link
 * SkippingDeserializer}), and the job carries on.
 */
public class StatisticsDeserializer extends SkippingDeserializer<MonthlyStatistics, StatisticsRow> {
  public StatisticsDeserializer() {
    super(MonthlyStatistics.class, StatisticsRow.class);
  }

  @Override
  void emit(MonthlyStatistics message, Collector<StatisticsRow> out) {
    out.collect(toRow(message));
  }

  public static StatisticsRow toRow(MonthlyStatistics statistics) {
    long monthStart = YearMonth.parse(statistics.getMonth()).atDay(1).atStartOfDay(Province.ZONE).toInstant().toEpochMilli();
    return new StatisticsRow(statistics.getEnterprise(), monthStart, statistics.getValueAdded10kCny(),
        statistics.getOutputValue10kCny(), statistics.getMaterialT());
  }
}
