package io.parkloop.ingest;

import io.parkloop.avro.MonthlyStatistics;
import io.parkloop.reference.StatisticsCsv;
import io.parkloop.schemas.AvroCodec;
import io.parkloop.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Puts monthly statistics on their Kafka topic, keyed by enterprise and month, where the
 * indicator job joins them to their month. Publishing the same file again changes nothing: the
 * latest record per key counts.
 */
public final class StatisticsPublisher {
  private static final AvroCodec<MonthlyStatistics> CODEC = AvroCodec.of(MonthlyStatistics.class);

  private StatisticsPublisher() {}

  /** Sends every row and waits until Kafka has them all; returns how many were sent. */
  public static int publish(Producer<byte[], byte[]> producer, String fileName, List<StatisticsCsv.Row> rows)
      throws ExecutionException, InterruptedException {
    List<Future<RecordMetadata>> sent = rows.stream().map(row -> producer.send(new ProducerRecord<>(Topics.STATISTICS,
        (row.enterprise() + '|' + row.month()).getBytes(StandardCharsets.UTF_8), CODEC.encode(record(fileName, row)))))
        .toList();
    for (Future<RecordMetadata> future : sent) {
      future.get();
    }
    return sent.size();
  }

  /** One row of the CSV as the statistics topic carries it (a replay hands it to the job without Kafka). */
  public static MonthlyStatistics record(String fileName, StatisticsCsv.Row row) {
    return MonthlyStatistics.newBuilder()
        .setEnterprise(row.enterprise())
        .setMonth(row.month().toString())
        .setValueAdded10kCny(row.valueAdded())
        .setOutputValue10kCny(row.outputValue())
        .setMaterialT(row.material())
        .setSource("file:" + fileName + ":" + row.line())
        .build();
  }
}
