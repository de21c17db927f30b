package io.parkloop.jobs;

import io.parkloop.jobs.records.FreshnessTier;
import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.jobs.records.LateReading;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.jobs.records.QualityEvent;
import io.parkloop.jobs.functions.FlowParts;
import io.parkloop.jobs.sinks.JdbcUpsertSink;
import io.parkloop.storage.EquipmentReadingRecord;
import io.parkloop.storage.EquipmentReadingTable;
import io.parkloop.storage.EventTables;
import io.parkloop.storage.IndicatorUpserts;
import io.parkloop.storage.LateReadingRecord;
import io.parkloop.storage.QualityEventRecord;
import io.parkloop.storage.ReadingRecord;
import io.parkloop.storage.ReadingTable;
import io.parkloop.storage.flows.FlowUpserts;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the indicator job writes: indicator rows, late readings, data-quality events, the
 * normalised readings (and the equipment's values behind the outlets) and, when {@code flows} is not null, the parks' material flows (rows of
 * scope type {@code flow}, see {@link FlowParts}).
 */
public record JobSinks(Sink<IndicatorRow> indicators, Sink<LateReading> lateReadings, Sink<QualityEvent> qualityEvents,
    Sink<MeterReading> readings, Sink<IndicatorRow> flows) {

  /** Without material flows. */
  public JobSinks(Sink<IndicatorRow> indicators, Sink<LateReading> lateReadings, Sink<QualityEvent> qualityEvents,
      Sink<MeterReading> readings) {
    this(indicators, lateReadings, qualityEvents, readings, null);
  }

  /**
   * The PostgreSQL tables of the storage module, written with idempotent upserts; the indicators of
   * wider scopes and longer periods every {@link JobSettings#widerFlushInterval()}.
   */
  public static JobSinks postgres(String jdbcUrl, JobSettings settings) {
    long flush = settings.sinkFlushInterval().toMillis();
    return new JobSinks(
        new JdbcUpsertSink<IndicatorRow>("indicators", jdbcUrl,
            (connection, rows) -> IndicatorUpserts.upsert(connection, rows.stream().map(IndicatorRow::toRecord).toList()),
            IndicatorRow::key, settings.sinkBatchRows(), flush,
            row -> FreshnessTier.of(row) == FreshnessTier.WIDER, settings.widerFlushInterval().toMillis()),
        new JdbcUpsertSink<LateReading>("late-readings", jdbcUrl,
            (connection, rows) -> EventTables.insertLateReadings(connection, rows.stream()
                .map(r -> new LateReadingRecord(r.meter, Instant.ofEpochMilli(r.ts), r.value,
                    Instant.ofEpochMilli(r.receivedAt), Instant.ofEpochMilli(r.watermark))).toList()),
            r -> r.meter + '|' + r.ts, settings.sinkBatchRows(), flush),
        new JdbcUpsertSink<QualityEvent>("quality-events", jdbcUrl,
            (connection, rows) -> EventTables.insertQualityEvents(connection, rows.stream()
                .map(e -> new QualityEventRecord(e.meter, Instant.ofEpochMilli(e.ts), e.kind, e.detail)).toList()),
            e -> e.meter + '|' + e.ts + '|' + e.kind, settings.sinkBatchRows(), flush),
        // keyed with the value: two values for one instant both reach the table, which keeps the
        // larger (meters) or the later received (equipment, so its key has the arrival too)
        new JdbcUpsertSink<MeterReading>("readings", jdbcUrl, JobSinks::writeReadings,
            r -> r.isEquipmentValue()
                ? r.series() + '|' + r.quantity + '|' + r.period + '|' + r.ts + '|' + r.value + '|' + r.receivedAt
                : r.meter + '|' + r.ts + '|' + r.value,
            settings.sinkBatchRows(), flush),
        new JdbcUpsertSink<IndicatorRow>("material-flows", jdbcUrl,
            (connection, rows) -> FlowUpserts.upsert(connection, rows.stream().map(FlowParts::toRecord).toList()),
            IndicatorRow::key, settings.sinkBatchRows(), flush));
  }

  /** Meters' readings into {@code reading}, the equipment's values behind an outlet into {@code equipment_reading}. */
  private static void writeReadings(Connection connection, Collection<MeterReading> rows) throws SQLException {
    ReadingTable.upsert(connection, rows.stream().filter(r -> !r.isOutletValue())
        .map(r -> new ReadingRecord(r.meter, Instant.ofEpochMilli(r.ts), r.value, Instant.ofEpochMilli(r.receivedAt)))
        .toList());
    EquipmentReadingTable.upsert(connection, rows.stream().filter(MeterReading::isEquipmentValue)
        .map(r -> new EquipmentReadingRecord(r.meter, r.factor, r.kind, r.period, Instant.ofEpochMilli(r.ts),
            r.quantity, r.value, r.flag, Instant.ofEpochMilli(r.receivedAt)))
        .toList());
  }
}
