package io.parkloop.launcher;

import io.parkloop.avro.DeadLetter;
import io.parkloop.launcher.CrashDataSet.DeadLetterKey;
import io.parkloop.readside.ExportFilter;
import io.parkloop.readside.IndicatorExport;
import io.parkloop.schemas.AvroCodec;
import io.parkloop.schemas.Topics;
import io.parkloop.storage.Databases;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What the chain produced: the exported indicator rows, the tables beside them and the records on the dead-letter topic. */
final class ChainOutput {
  private ChainOutput() {}

  /** Every indicator row as {@code parkloop export} writes it (CSV lines without the header). */
  static List<String> exportedRows(String jdbcUrl) throws Exception {
    StringWriter csv = new StringWriter();
    IndicatorExport.writeCsv(IndicatorExport.query(Databases.dataSource(jdbcUrl), ExportFilter.all()), csv);
    List<String> lines = new ArrayList<>(csv.toString().lines().toList());
    lines.remove(0);
    return lines;
  }

  /** The {@code reading} table, {@code meter ts value} by meter and time. */
  static List<String> readingRows(String jdbcUrl) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = Databases.dataSource(jdbcUrl).getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select meter, ts, value from reading order by meter, ts")) {
      while (result.next()) {
        rows.add(result.getString(1) + " " + result.getTimestamp(2).toInstant() + " " + result.getDouble(3));
      }
    }
    return rows;
  }

  /** How many rows {@code table} holds: for the tables the crash data set must leave empty. */
  static long rowCount(String jdbcUrl, String table) throws SQLException {
    try (Connection connection = Databases.dataSource(jdbcUrl).getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select count(*) from " + table)) {
      result.next();
      return result.getLong(1);
    }
  }

  /** The export, or none while the database cannot be read (it may be down on purpose). */
  static List<String> exportedRowsOrNone(String jdbcUrl) throws Exception {
    try {
      return exportedRows(jdbcUrl);
    } catch (SQLException e) {
      return List.of();
    }
  }

  /** The rows only in {@code actual} or only in {@code expected}, a few of each, for a failure message. */
  static String difference(List<String> expected, List<String> actual) {
    Set<String> missing = new TreeSet<>(expected);
    actual.forEach(missing::remove);
    Set<String> extra = new TreeSet<>(actual);
    expected.forEach(extra::remove);
    return String.format("%d rows expected, %d exported; missing %d, e.g. %s; unexpected %d, e.g. %s",
        expected.size(), actual.size(), missing.size(), missing.stream().limit(5).toList(), extra.size(),
        extra.stream().limit(5).toList());
  }

  /**
   * Every record on the dead-letter topic, read from its start until {@code expected} records
   * arrived and then up to the end offsets the topic had at that moment (a doubled one written
   * by then shows up; no quiet period is waited for).
   */
  static List<DeadLetterKey> deadLetters(String kafka, int expected) throws java.io.IOException {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "crash-it-dead-letters-" + System.nanoTime());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    AvroCodec<DeadLetter> codec = AvroCodec.of(DeadLetter.class);
    List<DeadLetterKey> letters = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(Topics.DEAD_LETTERS));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (letters.size() < expected && System.nanoTime() < deadline) {
        pollInto(consumer, codec, letters);
      }
      // the barrier instead of a quiet period: everything the topic held once the expected count was there
      Set<TopicPartition> partitions = consumer.assignment();
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
        pollInto(consumer, codec, letters);
      }
    }
    return letters;
  }

  private static void pollInto(KafkaConsumer<byte[], byte[]> consumer, AvroCodec<DeadLetter> codec,
      List<DeadLetterKey> letters) throws java.io.IOException {
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
      DeadLetter letter = codec.decode(record.value());
      letters.add(new DeadLetterKey(letter.getReason(), letter.getSource(),
          StandardCharsets.UTF_8.decode(letter.getPayload()).toString()));
    }
  }
}
