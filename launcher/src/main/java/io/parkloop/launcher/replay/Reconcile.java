package io.parkloop.launcher.replay;

import io.parkloop.avro.Reading;
import io.parkloop.jobs.IndicatorJob;
import io.parkloop.jobs.JobSettings;
import io.parkloop.jobs.JobSinks;
import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.jobs.records.StatisticsRow;
import io.parkloop.jobs.sinks.JdbcUpsertSink;
import io.parkloop.readside.Migrations;
import io.parkloop.reference.Meter;
import io.parkloop.reference.PeriodType;
import io.parkloop.reference.Province;
import io.parkloop.reference.ReferenceData;
import io.parkloop.schemas.AvroCodec;
import io.parkloop.storage.Databases;
import io.parkloop.storage.IndicatorUpserts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * {@code parkloop reconcile}: brings the stored late readings into the figures without a manual
 * replay. The calendar years that late meter readings change (those they fall in, and a neighbour
 * year within the maximum age) are recomputed from the stored
 * readings ({@code reading} and {@code late_reading}, in time order) and the stored monthly
 * statistics, by the indicator job itself, and every row of a period inside those years is
 * upserted; the late readings are then marked reconciled. Whole years, because a year's rows sum
 * all of its months and a park's rows all of its enterprises: a shorter span would overwrite them
 * with partial totals. Running it again changes nothing (absolute values, upserts), and with
 * nothing unreconciled it does nothing.
 *
 * <p>Late outlet values (named {@code outlet/factor-kind}) cannot be reconciled this way: the
 * database keeps meter readings only, not the rest of an analyser's hour. They are counted in the
 * summary and stay unreconciled; a replay of the analyser's file brings them in.
 */
public final class Reconcile {
  /** The stored meter readings in [?, ?), late ones included. */
  private static final String ALL_READINGS = """
      with span (f, t) as (select ?::timestamptz, ?::timestamptz)
      select meter, ts, value, received_at from reading, span where ts >= f and ts < t
      union select meter, ts, value, received_at from late_reading, span where meter not like '%/%' and ts >= f and ts < t
      order by 2, 1""";
  /**
   * Those the live job counted: the readings sink stores late readings in {@code reading} too, so
   * a row there that arrived as a late one (no earlier copy came in time) is left out.
   */
  private static final String ACCEPTED_READINGS = """
      with span (f, t) as (select ?::timestamptz, ?::timestamptz)
      select meter, ts, value, received_at from reading r, span where ts >= f and ts < t
      and not exists (select 1 from late_reading l where l.meter = r.meter and l.ts = r.ts
        and l.received_at <= r.received_at)
      order by 2, 1""";
  private final ReferenceData reference;
  private final String jdbcUrl;
  private final JobSettings settings;
  private DayCorrectionsTopic corrections;

  /**
   * What a reconciliation did.
   *
   * @param corrections what became of the day corrections for the live job: how many were
   *     published, or why none could be; null when this reconciliation has no Kafka to publish to
   */
  public record Summary(int years, long readingsRecomputed, long lateReadingsReconciled, long outletValuesLeft,
      String corrections) {
    public String line() {
      return years == 0 && outletValuesLeft == 0 ? "reconcile: no late readings to bring in"
          : String.format("reconcile: %d late readings brought in, %d calendar years recomputed from %,d stored readings;"
              + " %d late outlet values left (replay the analyser's file)%s", lateReadingsReconciled, years,
              readingsRecomputed, outletValuesLeft, corrections == null ? "" : "; " + corrections);
    }
  }

  public Reconcile(ReferenceData reference, String jdbcUrl, JobSettings settings) {
    this.reference = reference;
    this.jdbcUrl = jdbcUrl;
    this.settings = settings;
  }

  /**
   * Also publishes the reconciled day totals for the live indicator job, which would otherwise
   * overwrite the reconciled months from its own state (see {@link io.parkloop.jobs.functions.ReconciledDays}).
   */
  public Reconcile publishingTo(DayCorrectionsTopic corrections) {
    this.corrections = corrections;
    return this;
  }

  public Summary run() throws Exception {
    DataSource database = Databases.dataSource(jdbcUrl);
    Migrations.migrate(database);
    Instant startedAt;
    long[] span;
    long outletValues;
    try (Connection connection = database.getConnection()) {
      startedAt = now(connection);
      span = unreconciledSpan(connection, startedAt);
      outletValues = count(connection, "select count(*) from late_reading where reconciled_at is null and meter like '%/%'");
    }
    if (span == null) {
      return new Summary(0, 0, 0, outletValues, null);
    }
    // a late reading changes the periods its consumption spreads over, up to its neighbours:
    // the years from a maximum age before the oldest to a maximum age after the newest
    long margin = settings.maxAge().toMillis();
    int firstYear = Instant.ofEpochMilli(span[0] - margin).atZone(Province.ZONE).getYear();
    int lastYear = Instant.ofEpochMilli(span[1] + margin).atZone(Province.ZONE).getYear();
    long from = yearStart(firstYear);
    long to = yearStart(lastYear + 1);
    int years = lastYear - firstYear + 1;
    String unreachable = corrections == null ? null : corrections.unreachable();
    Path spool = Files.createTempFile("parkloop-reconcile-", ".readings");
    try {
      long readings = spoolStoredReadings(database, spool, from, to, true);
      List<StatisticsRow> statistics = statistics(database, from, to);
      Map<String, IndicatorRow> reconciledDays = runIndicatorJob(spool, statistics, from, to, true);
      String published = null;
      if (corrections != null && unreachable == null) {
        spoolStoredReadings(database, spool, from, to, false);
        Map<IndicatorRow, Double> effects = lateEffects(reconciledDays,
            runIndicatorJob(spool, statistics, from, to, false), from, to);
        corrections.publish(effects, startedAt);
        published = effects.size() + " day corrections published for the live job";
      } else if (corrections != null) {
        // unmarked, the late readings come again at the next reconciliation, which publishes them then
        return new Summary(years, readings, 0, outletValues, "the database is corrected, but the day corrections"
            + " could not be published for the live job (Kafka at " + corrections.kafka() + ": " + unreachable
            + "); the late readings stay unreconciled until a reconciliation can publish them");
      }
      try (Connection connection = database.getConnection();
          PreparedStatement mark = connection.prepareStatement("""
              update late_reading set reconciled_at = now() where reconciled_at is null and meter not like '%/%'
              and ts >= ? and ts < ? and received_at <= ?""")) {
        mark.setTimestamp(1, new Timestamp(from));
        mark.setTimestamp(2, new Timestamp(to));
        mark.setTimestamp(3, Timestamp.from(startedAt));
        return new Summary(years, readings, mark.executeUpdate(), outletValues, published);
      }
    } finally {
      Files.deleteIfExists(spool);
    }
  }

  /**
   * The reconciled day rows inside [from, to) whose totals the late readings change, each with
   * that change: the reconciled total minus the total of the readings the live job counted,
   * which is what the live job has of that day.
   */
  private static Map<IndicatorRow, Double> lateEffects(Map<String, IndicatorRow> reconciled, Map<String, IndicatorRow> accepted,
      long from, long to) {
    Map<IndicatorRow, Double> effects = new HashMap<>();
    for (IndicatorRow day : reconciled.values()) {
      IndicatorRow live = accepted.get(day.key());
      long effect = IndicatorPart.toMicros(day.value) - (live == null ? 0 : IndicatorPart.toMicros(live.value));
      if (effect != 0 && within(day, from, to)) {
        effects.put(day, effect / 1e6);
      }
    }
    return effects;
  }

  /** The oldest and newest time of the unreconciled late meter readings that came before {@code by}, or null for none. */
  private static long[] unreconciledSpan(Connection connection, Instant by) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("""
        select min(ts), max(ts) from late_reading where reconciled_at is null and meter not like '%/%'
        and received_at <= ?""")) {
      statement.setTimestamp(1, Timestamp.from(by));
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        Timestamp oldest = result.getTimestamp(1);
        return oldest == null ? null : new long[] {oldest.getTime(), result.getTimestamp(2).getTime()};
      }
    }
  }

  /**
   * Every stored meter reading from the maximum age before {@code from} (the segment into the
   * first hour starts before it) to the maximum age after {@code to}, in time order, as the job's
   * source expects them; the late ones too, or only those the live job counted.
   */
  private long spoolStoredReadings(DataSource database, Path spool, long from, long to, boolean withLate)
      throws Exception {
    Map<String, Meter> meters = new HashMap<>();
    reference.meters().forEach(meter -> meters.put(meter.id(), meter));
    AvroCodec<Reading> codec = AvroCodec.of(Reading.class);
    long margin = settings.maxAge().toMillis();
    long count = 0;
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(withLate ? ALL_READINGS : ACCEPTED_READINGS);
        ReadingSpool.Writer writer = new ReadingSpool.Writer(spool)) {
      connection.setAutoCommit(false); // lets the driver fetch in batches instead of all at once
      statement.setFetchSize(10_000);
      statement.setTimestamp(1, new Timestamp(from - margin));
      statement.setTimestamp(2, new Timestamp(to + margin));
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          Meter meter = meters.get(result.getString(1));
          if (meter == null) {
            continue; // removed from the reference data since: it counts no more
          }
          writer.append(codec.encode(Reading.newBuilder().setMeter(meter.id()).setEnterprise(meter.enterprise())
              .setMedium(meter.medium().id()).setReading(meter.cumulative() ? "cumulative" : "interval").setTs(result.getTimestamp(2).toInstant())
              .setValue(result.getDouble(3)).setUnit(meter.medium().canonicalUnit())
              .setReceivedAt(result.getTimestamp(4).toInstant()).setSource("reconcile").build()));
          count++;
        }
      }
      connection.commit();
    }
    return count;
  }

  /** The monthly statistics as the indicator rows of enterprises keep them. */
  private static List<StatisticsRow> statistics(DataSource database, long from, long to) throws SQLException {
    Map<String, StatisticsRow> rows = new HashMap<>();
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement("""
            select scope_id, period_start, indicator, value from indicator_value where scope_type = 'enterprise'
            and period_type = 'month' and period_start >= ? and period_start < ?
            and indicator in ('value_added_10k_cny', 'output_value_10k_cny', 'material_t')""")) {
      statement.setTimestamp(1, new Timestamp(from));
      statement.setTimestamp(2, new Timestamp(to));
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          long month = result.getTimestamp(2).getTime();
          StatisticsRow row = rows.computeIfAbsent(result.getString(1) + '|' + month,
              key -> new StatisticsRow(key.substring(0, key.indexOf('|')), month, null, null, null));
          switch (result.getString(3)) {
            case "value_added_10k_cny" -> row.valueAdded = result.getDouble(4);
            case "output_value_10k_cny" -> row.outputValue = result.getDouble(4);
            default -> row.material = result.getDouble(4);
          }
        }
      }
    }
    return new ArrayList<>(rows.values());
  }

  /**
   * The indicator job over the spool at parallelism 1 (see {@link Replay}), upserting the rows of
   * [from, to) when {@code write}; returns its day totals (quantities, every scope), by key.
   */
  private Map<String, IndicatorRow> runIndicatorJob(Path spool, List<StatisticsRow> statistics, long from, long to,
      boolean write) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, new Configuration());
    Sink<IndicatorRow> indicators = !write ? new DiscardingSink<>() : new JdbcUpsertSink<>("reconciled-indicators",
        jdbcUrl, (connection, rows) -> IndicatorUpserts.upsert(connection,
            rows.stream().filter(row -> within(row, from, to)).map(IndicatorRow::toRecord).toList()),
        IndicatorRow::key, settings.sinkBatchRows(), settings.sinkFlushInterval().toMillis());
    // the late readings, data-quality events and readings themselves are stored already
    JobSinks sinks = new JobSinks(indicators, new DiscardingSink<>(), new DiscardingSink<>(), new DiscardingSink<>());
    DayTotalsCapture days = new DayTotalsCapture();
    new IndicatorJob(reference, settings, new SpooledReadingsSource(spool, settings.outOfOrderness()),
        statistics.isEmpty() ? null : new DataGeneratorSource<>(index -> statistics.get(index.intValue()),
            statistics.size(), TypeInformation.of(StatisticsRow.class)), sinks).withDayTotals(days).build(env);
    try {
      env.execute("parkloop-reconcile");
    } catch (Exception e) {
      days.take();
      throw e;
    }
    return days.take();
  }

  /**
   * Whether a row's whole period (a rolling window's whole window) lies in [from, to): the job also
   * computes rows at the edges from the margin's readings alone, which must not replace the
   * stored ones.
   */
  public static boolean within(IndicatorRow row, long from, long to) {
    long[] span = PeriodType.of(row.periodType).span(row.periodStart);
    return span[0] >= from && span[1] <= to;
  }

  private static long yearStart(int year) {
    return ZonedDateTime.of(year, 1, 1, 0, 0, 0, 0, Province.ZONE).toInstant().toEpochMilli();
  }

  private static Instant now(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("select now()");
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getTimestamp(1).toInstant();
    }
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }
}
