package io.parkloop.launcher.pipeline;

import io.parkloop.ingest.IngestMetrics;
import io.parkloop.ingest.IngestTopics;
import io.parkloop.ingest.KafkaProducers;
import io.parkloop.ingest.WasteIngest;
import io.parkloop.ingest.WasteValidator;
import io.parkloop.reference.ReferenceData;
import io.parkloop.schemas.Topics;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Puts a monthly waste CSV on Kafka for the indicator job (bad lines as dead letters), and says so. */
public final class WasteLoad {
  private WasteLoad() {}

  public static void publish(LocalStack stack, Path file, Supplier<ReferenceData> reference, PrintStream out) throws Exception {
    IngestMetrics metrics = new IngestMetrics();
    List<ProducerRecord<byte[], byte[]>> records = new WasteIngest(new WasteValidator(reference), metrics,
        IngestTopics.DEFAULT).csvRecords(file.toString(), Files.readString(file, StandardCharsets.UTF_8), Instant.now());
    try (Producer<byte[], byte[]> producer = KafkaProducers.create(stack.kafka(), "parkloop-waste")) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      records.forEach(record -> sent.add(producer.send(record)));
      for (Future<RecordMetadata> future : sent) {
        future.get();
      }
    }
    long accepted = records.stream().filter(record -> record.topic().equals(Topics.WASTE)).count();
    out.printf("waste: %,d records from %s, %,d lines dead-lettered %s%n", accepted, file, records.size() - accepted,
        metrics.deadLettersByReason());
  }
}
