package io.parkloop.launcher.pipeline;

import io.parkloop.ingest.KafkaProducers;
import io.parkloop.ingest.StatisticsPublisher;
import io.parkloop.reference.StatisticsCsv;
import java.io.PrintStream;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;

/** Puts monthly statistics on Kafka for the indicator job, and says so. */
public final class StatisticsLoad {
  private StatisticsLoad() {}

  public static void publish(LocalStack stack, String fileName, List<StatisticsCsv.Row> rows, PrintStream out) throws Exception {
    try (Producer<byte[], byte[]> producer = KafkaProducers.create(stack.kafka(), "parkloop-statistics")) {
      int sent = StatisticsPublisher.publish(producer, fileName, rows);
      out.printf("statistics: %,d enterprise-months from %s joined to their months%n", sent, fileName);
    }
  }
}
