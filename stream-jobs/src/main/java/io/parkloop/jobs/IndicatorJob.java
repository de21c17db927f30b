package io.parkloop.jobs;

import io.parkloop.jobs.functions.MeterConsumption;
import io.parkloop.jobs.functions.MeterHourToParts;
import io.parkloop.jobs.functions.PeriodRollup;
import io.parkloop.jobs.functions.ScopeRollup;
import io.parkloop.jobs.functions.SumOfParts;
import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.jobs.records.MeterHour;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.reference.ReferenceData;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Readings → indicators. Per meter, readings become absolute hourly consumption; hours become
 * parts of enterprise-hours; enterprise rows roll up to park, city, region, level and province;
 * hours roll up to days. Every stage keeps and emits absolute values, so late, reordered and
 * duplicated readings, and a restart from a checkpoint, all end in the same numbers.
 *
 * <p>The source and sinks come from outside: Kafka and PostgreSQL in production, anything
 * bounded in tests and replays.
 */
public final class IndicatorJob {
  private final ReferenceData reference;
  private final JobSettings settings;
  private final Source<MeterReading, ?, ?> readings;
  private final JobSinks sinks;

  public IndicatorJob(ReferenceData reference, JobSettings settings, Source<MeterReading, ?, ?> readings, JobSinks sinks) {
    this.reference = reference;
    this.settings = settings;
    this.readings = readings;
    this.sinks = sinks;
  }

  public void build(StreamExecutionEnvironment env) {
    long lateness = settings.allowedLateness().toMillis();
    long retention = settings.retention().toMillis();
    WatermarkStrategy<MeterReading> watermarks = WatermarkStrategy
        .<MeterReading>forBoundedOutOfOrderness(settings.outOfOrderness())
        .withTimestampAssigner((reading, previous) -> reading.ts)
        .withIdleness(settings.idleness());

    DataStream<MeterReading> input = env.fromSource(readings, watermarks, "readings").uid("readings-source");

    SingleOutputStreamOperator<MeterHour> meterHours = input
        .keyBy(reading -> reading.meter)
        .process(new MeterConsumption(reference, lateness, retention))
        .name("meter-hourly-consumption").uid("meter-hourly-consumption");
    meterHours.getSideOutput(MeterConsumption.LATE).sinkTo(sinks.lateReadings())
        .name("late-readings-sink").uid("late-readings-sink");
    meterHours.getSideOutput(MeterConsumption.QUALITY).sinkTo(sinks.qualityEvents())
        .name("quality-events-sink").uid("quality-events-sink");

    DataStream<IndicatorRow> enterpriseHours = sum(
        meterHours.flatMap(new MeterHourToParts(reference)).name("meter-hour-to-parts").uid("meter-hour-to-parts"),
        "enterprise-hours", retention);
    DataStream<IndicatorRow> widerHours = sum(
        enterpriseHours.flatMap(new ScopeRollup(reference)).name("scope-rollup").uid("scope-rollup"),
        "wider-scope-hours", retention);
    DataStream<IndicatorRow> hours = enterpriseHours.union(widerHours);
    DataStream<IndicatorRow> days = sum(
        hours.flatMap(new PeriodRollup("hour", "day")).name("hour-to-day").uid("hour-to-day"),
        "days", retention);

    hours.union(days).sinkTo(sinks.indicators()).name("indicators-sink").uid("indicators-sink");
  }

  private static DataStream<IndicatorRow> sum(DataStream<IndicatorPart> parts, String name, long retention) {
    return parts.keyBy(IndicatorPart::rowKey)
        .process(new SumOfParts(retention))
        .name(name).uid(name);
  }
}
