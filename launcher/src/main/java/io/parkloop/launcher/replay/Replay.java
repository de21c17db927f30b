package io.parkloop.launcher.replay;

import io.parkloop.avro.DeadLetter;
import io.parkloop.avro.Reading;
import io.parkloop.avro.WasteRecord;
import io.parkloop.ingest.Hj212Ingest;
import io.parkloop.ingest.IngestMetrics;
import io.parkloop.ingest.IngestTopics;
import io.parkloop.ingest.MqttMessageIngest;
import io.parkloop.ingest.ReadingValidator;
import io.parkloop.ingest.StatisticsPublisher;
import io.parkloop.ingest.WasteIngest;
import io.parkloop.ingest.WasteValidator;
import io.parkloop.ingest.hj212.Hj212Decoder;
import io.parkloop.jobs.IndicatorJob;
import io.parkloop.jobs.JobSettings;
import io.parkloop.jobs.JobSinks;
import io.parkloop.jobs.alerts.AlertJob;
import io.parkloop.jobs.alerts.AlertRules;
import io.parkloop.jobs.alerts.AlertSinks;
import io.parkloop.jobs.functions.MeterConsumption;
import io.parkloop.jobs.records.StatisticsRow;
import io.parkloop.jobs.records.WasteRow;
import io.parkloop.jobs.sources.StatisticsDeserializer;
import io.parkloop.jobs.sources.WasteDeserializer;
import io.parkloop.launcher.flink.JobCounters;
import io.parkloop.readside.IndicatorTableStatus;
import io.parkloop.readside.Migrations;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.StatisticsCsv;
import io.parkloop.schemas.AvroCodec;
import io.parkloop.schemas.Topics;
import io.parkloop.storage.Databases;
import io.parkloop.storage.DeadLetterRecord;
import io.parkloop.storage.DeadLetterTable;
import io.parkloop.storage.ReferenceTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code parkloop replay}: files of readings and HJ 212 packets through the live pipeline's
 * ingest and indicator job, into the same database, without Kafka or MQTT.
 *
 * <ol>
 *   <li>Every line goes through the bridge's ingest in line order (a file's line order is its
 *       arrival order): a reading payload through {@link MqttMessageIngest} with no topic, so
 *       no enterprise to check it against; an HJ 212 frame through {@link Hj212Ingest}. The
 *       readings are spooled for the job, the dead letters stored in {@code dead_letter}.
 *   <li>The indicator job runs over the spool (and the monthly statistics, if given) on a local
 *       MiniCluster and writes with the live job's idempotent upserts, so replaying the same files
 *       twice ends in the same rows.
 *   <li>The alert job runs over the same spool into the {@code alerts} table: the same alerts, ids,
 *       times, peaks and evidence as the live run of the same data (the alerts topic is left
 *       alone; its subscribers heard of the alerts when they happened).
 * </ol>
 *
 * <p>A file has no arrival times, so every line counts as arriving when the replay started: a
 * reading is refused as from the future only when it lies more than {@link ReadingValidator#MAX_FUTURE}
 * beyond that moment. (Checking it against the newest reading seen so far instead would refuse
 * the first reading of every 15-minute round, and everything after a gap in the file.)
 *
 * <p>A replay recomputes every hour and day its readings touch from the files alone: the files
 * should hold all readings of the periods they cover, or those periods' totals will lack the rest.
 */
public final class Replay {
  /** The job's counter of readings and outlet values beyond the maximum age. */
  private static final String LATE_READINGS = "lateReadings";
  private static final int DEAD_LETTER_BATCH = 500;
  private static final AvroCodec<WasteRecord> WASTE = AvroCodec.of(WasteRecord.class);
  private static final AvroCodec<DeadLetter> DEAD_LETTERS = AvroCodec.of(DeadLetter.class);

  private final ReferenceData reference;
  private final String jdbcUrl;
  private final JobSettings settings = JobSettings.fromEnvironment();
  private final IngestMetrics metrics = new IngestMetrics();

  // progress, written by the replay and read by whoever prints it
  private volatile long linesTotal;
  private volatile long linesRead;
  private volatile long readingsSpooled;
  private volatile long deadLettersSeen;
  private volatile JobCounters jobCounters;
  private volatile boolean alertsRunning;
  /** The waste CSV's records as the job reads them from Kafka; empty without a waste file. */
  private List<WasteRow> waste = List.of();

  public Replay(ReferenceData reference, String jdbcUrl) {
    this.reference = reference;
    this.jdbcUrl = jdbcUrl;
  }

  public ReplaySummary run(ReplayFiles files) throws Exception {
    long started = System.nanoTime();
    // read and check the statistics first, so that a bad file fails before anything is written
    List<StatisticsRow> statistics = files.statistics() == null ? null : statistics(files.statistics());
    DataSource database = Databases.dataSource(jdbcUrl);
    Databases.awaitReachable(database, Duration.ofMinutes(2));
    Migrations.migrate(database);
    ReferenceTables.sync(database, reference);
    Instant databaseStart = databaseNow(database);
    Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS); // Avro keeps milliseconds

    Duration setUp = Duration.ofNanos(System.nanoTime() - started);
    Path spool = Files.createTempFile("parkloop-replay-", ".readings");
    try {
      long phase = System.nanoTime();
      Ingested ingested = ingest(files, spool, database, receivedAt);
      if (files.waste() != null) {
        waste = ingestWaste(files.waste(), database, receivedAt, ingested);
      }
      Duration ingest = Duration.ofNanos(System.nanoTime() - phase);
      phase = System.nanoTime();
      JobTotals totals = runIndicatorJob(spool, statistics);
      Duration indicatorJob = Duration.ofNanos(System.nanoTime() - phase);
      phase = System.nanoTime();
      runAlertJob(spool);
      Duration alertJob = Duration.ofNanos(System.nanoTime() - phase);
      return new ReplaySummary(ingested.linesByFile, ingested.meterReadings, ingested.outletValues,
          ingested.duplicates, ingested.deadLetters, metrics.nonDataPacketsTotal(), totals.late(), totals.unattributed(),
          rowsWrittenSince(database, databaseStart), statistics == null ? null : statistics.size(),
          new ReplaySummary.Phases(setUp, ingest, indicatorJob, alertJob));
    } finally {
      Files.deleteIfExists(spool);
    }
  }

  /** What the ingest of the files gave. */
  private static final class Ingested {
    final Map<String, Long> linesByFile = new LinkedHashMap<>();
    final Map<String, Long> deadLetters = new TreeMap<>();
    long meterReadings;
    long outletValues;
    long duplicates;
  }

  private Ingested ingest(ReplayFiles files, Path spoolFile, DataSource database, Instant receivedAt)
      throws IOException, SQLException {
    Hj212Ingest hj212 = new Hj212Ingest(() -> reference, new Hj212Decoder(), metrics);
    MqttMessageIngest json = new MqttMessageIngest(new ReadingValidator(() -> reference, ReadingValidator.MAX_FUTURE),
        hj212, metrics);
    List<ReplayFile> inputs = new ArrayList<>();
    Ingested ingested = new Ingested();
    Set<String> seen = new HashSet<>();
    List<DeadLetterRecord> deadLetters = new ArrayList<>();
    try (ReadingSpool.Writer spool = new ReadingSpool.Writer(spoolFile);
        Connection connection = database.getConnection()) {
      if (files.readings() != null) {
        linesTotal += ByteLines.count(files.readings());
        inputs.add(new ReplayFile(files.readings(), (line, source) -> json.readingRecords(line, source, null, receivedAt)));
      }
      if (files.hj212() != null) {
        linesTotal += ByteLines.count(files.hj212());
        inputs.add(new ReplayFile(files.hj212(), (frame, source) -> hj212.ingest(frame, source, receivedAt).records()));
      }
      for (ReplayFile file = behind(inputs); file != null; file = behind(inputs)) {
        IngestedLine line = file.take();
        for (int i = 0; i < line.readings().size(); i++) {
          Reading reading = line.readings().get(i);
          spool.append(line.readingValues().get(i));
          if (reading.getKind() == null) {
            ingested.meterReadings++;
          } else {
            ingested.outletValues++;
          }
          if (!seen.add(identity(reading))) {
            ingested.duplicates++;
          }
        }
        for (DeadLetter letter : line.deadLetters()) {
          deadLetters.add(new DeadLetterRecord(letter.getReceivedAt(), letter.getSource(), letter.getReason(),
              letter.getDetail(), bytes(letter), letter.getElement()));
          ingested.deadLetters.merge(letter.getReason(), 1L, Long::sum);
        }
        if (deadLetters.size() >= DEAD_LETTER_BATCH) {
          DeadLetterTable.insert(connection, deadLetters);
          deadLetters.clear();
        }
        linesRead = inputs.stream().mapToLong(ReplayFile::linesRead).sum();
        readingsSpooled = spool.count();
        deadLettersSeen += line.deadLetters().size();
      }
      DeadLetterTable.insert(connection, deadLetters);
      inputs.forEach(file -> ingested.linesByFile.put(file.file().toString(), file.linesRead()));
    } finally {
      for (ReplayFile file : inputs) {
        file.close();
      }
    }
    return ingested;
  }

  /**
   * The file to read from next: of those with lines left, the one that is behind in event time.
   * Between two files nothing says which line arrived first; taking the one behind keeps either
   * file's data from looking late merely because the other file was read first.
   */
  public static ReplayFile behind(List<ReplayFile> files) throws IOException {
    ReplayFile behind = null;
    for (ReplayFile file : files) {
      if (file.peek() != null && (behind == null || file.newestTsWithNext() < behind.newestTsWithNext())) {
        behind = file;
      }
    }
    return behind;
  }

  /** What makes two readings the same: meter and time, and for an outlet the factor, kind and period too. */
  private static String identity(Reading reading) {
    return reading.getMeter() + '|' + reading.getMedium() + '|' + reading.getKind() + '|' + reading.getPeriod()
        + '|' + reading.getTs().toEpochMilli();
  }

  private static byte[] bytes(DeadLetter letter) {
    byte[] payload = new byte[letter.getPayload().remaining()];
    letter.getPayload().duplicate().get(payload);
    return payload;
  }

  /** The indicator job's own counts of what it did not take in. */
  private record JobTotals(long late, long unattributed) {}

  /**
   * Runs the indicator job over the spooled readings (and the statistics, if any) to its end;
   * returns its counts of late and unattributed readings.
   *
   * <p>At parallelism 1: the spool has one reader, and at parallelism 2 the second source subtask,
   * with nothing to read, would hold the watermark back until it finished, a race that would make
   * which readings count as late depend on timing. With one subtask per operator every operator
   * sees the readings and watermarks in file order, so a replay gives the same numbers every time.
   */
  private JobTotals runIndicatorJob(Path spool, List<StatisticsRow> statistics) throws Exception {
    Configuration conf = new Configuration();
    try (JobCounters counters = JobCounters.collectInto(conf)) {
      jobCounters = counters;
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
      new IndicatorJob(reference, settings, new SpooledReadingsSource(spool, settings.outOfOrderness()),
          statistics == null || statistics.isEmpty() ? null : new DataGeneratorSource<>(
              index -> statistics.get(index.intValue()), statistics.size(), TypeInformation.of(StatisticsRow.class)),
          JobSinks.postgres(jdbcUrl, settings))
          .withWaste(wasteSource(waste))
          .build(env);
      env.execute("parkloop-replay");
      return new JobTotals(counters.total(LATE_READINGS), counters.total(MeterConsumption.UNATTRIBUTED));
    }
  }

  /**
   * Runs the alert job over the spooled readings to its end, after the indicator job and on its
   * own MiniCluster (at parallelism 1 for the same reason), so that the indicator job's counters
   * stay its own.
   */
  private void runAlertJob(Path spool) throws Exception {
    alertsRunning = true;
    try {
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, new Configuration());
      new AlertJob(reference, settings, AlertRules.defaults(), new SpooledReadingsSource(spool, settings.outOfOrderness()),
          AlertSinks.postgresOnly(jdbcUrl, settings)).build(env);
      env.execute("parkloop-replay-alerts");
    } finally {
      alertsRunning = false; // done: the progress line shows the indicator job's final count again
    }
  }

  /** The waste records as a bounded source; null for none. A static method, so the source does not capture the replay. */
  private static DataGeneratorSource<WasteRow> wasteSource(List<WasteRow> rows) {
    return rows.isEmpty() ? null : new DataGeneratorSource<>(index -> rows.get(index.intValue()), rows.size(),
        TypeInformation.of(WasteRow.class));
  }

  /**
   * The waste CSV through the bridge's checks: its records as the job reads them from Kafka, its
   * bad lines into {@code dead_letter} and the summary's counts.
   */
  private List<WasteRow> ingestWaste(Path file, DataSource database, Instant receivedAt, Ingested ingested)
      throws IOException, SQLException {
    List<ProducerRecord<byte[], byte[]>> records = new WasteIngest(new WasteValidator(() -> reference), metrics,
        IngestTopics.DEFAULT).csvRecords(file.getFileName().toString(), Files.readString(file), receivedAt);
    List<WasteRow> rows = new ArrayList<>();
    List<DeadLetterRecord> deadLetters = new ArrayList<>();
    for (ProducerRecord<byte[], byte[]> record : records) {
      if (record.topic().equals(Topics.WASTE)) {
        rows.add(WasteDeserializer.toRow(WASTE.decode(record.value())));
      } else {
        DeadLetter letter = DEAD_LETTERS.decode(record.value());
        deadLetters.add(new DeadLetterRecord(letter.getReceivedAt(), letter.getSource(), letter.getReason(),
            letter.getDetail(), bytes(letter), letter.getElement()));
        ingested.deadLetters.merge(letter.getReason(), 1L, Long::sum);
      }
    }
    try (Connection connection = database.getConnection()) {
      DeadLetterTable.insert(connection, deadLetters);
    }
    ingested.linesByFile.put(file.toString(), (long) records.size());
    return rows;
  }

  /** The statistics CSV as the job reads it from Kafka: each row through the topic's record. */
  private List<StatisticsRow> statistics(Path file) {
    String name = file.getFileName().toString();
    return StatisticsCsv.load(file, reference).stream()
        .map(row -> StatisticsDeserializer.toRow(StatisticsPublisher.record(name, row)))
        .toList();
  }

  private static Instant databaseNow(DataSource database) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement("select now()");
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getTimestamp(1).toInstant();
    }
  }

  /** Rows the upserts added or changed since then (an upsert of an unchanged value leaves updated_at alone). */
  private static long rowsWrittenSince(DataSource database, Instant since) throws SQLException {
    try (Connection connection = database.getConnection()) {
      return IndicatorTableStatus.rowsWrittenSince(connection, since);
    }
  }

  /** One line on how far the replay has got, for a person watching. */
  public String progress() {
    JobCounters counters = jobCounters;
    if (alertsRunning) {
      return "replay: alert job over the same readings";
    }
    if (counters == null) {
      return String.format("replay: lines %,d of %,d (%d%%), readings %,d, dead letters %,d", linesRead, linesTotal,
          percent(linesRead, linesTotal), readingsSpooled, deadLettersSeen);
    }
    long through = counters.total(SpooledReadingsSource.READINGS_REPLAYED);
    return String.format("replay: indicator job, readings %,d of %,d through (%d%%)", through, readingsSpooled,
        percent(through, readingsSpooled));
  }

  private static long percent(long part, long whole) {
    return whole == 0 ? 100 : part * 100 / whole;
  }
}
