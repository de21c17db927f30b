package io.parkloop.jobs.alerts;

import io.parkloop.jobs.JobSettings;
import io.parkloop.jobs.functions.OutletLoads;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.reference.ReferenceData;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Readings → alerts on discharge and data (SPEC "Alerts"; docs/alerts.md): concentration over
 * limit, permitted load at risk, silent meters and outlets, data quality, a stopped treatment
 * facility. Each rule keeps its own keyed state, recomputes its alerts from it and publishes only
 * what changed, each alert under an id derived from kind, scope, factor and opening time: late data within the maximum
 * age corrects alerts in place, and a replay or a restart publishes the same alerts again
 * rather than new ones.
 *
 * <p>The permit rule needs the enterprises' hourly loads. It computes them here from the hourly
 * outlet data with {@link OutletLoads}, the very function (and so the very numbers) behind the
 * indicator job's {@code cod_kg} etc., instead of tapping the indicator job's streams: so this job
 * stands alone (tests, replays, a cluster running it apart), at the price of computing the
 * hourly loads twice, which is cheap.
 *
 * <p>Like the indicator job it takes its source and sinks from outside.
 */
public final class AlertJob {
  private final ReferenceData reference;
  private final JobSettings settings;
  private final AlertRules rules;
  private final Source<MeterReading, ?, ?> readings;
  private final AlertSinks sinks;

  public AlertJob(ReferenceData reference, JobSettings settings, AlertRules rules, Source<MeterReading, ?, ?> readings,
      AlertSinks sinks) {
    this.reference = reference;
    this.settings = settings;
    this.rules = rules;
    this.readings = readings;
    this.sinks = sinks;
  }

  public void build(StreamExecutionEnvironment env) {
    long maxAge = settings.maxAge().toMillis();
    WatermarkStrategy<MeterReading> watermarks = WatermarkStrategy
        .<MeterReading>forBoundedOutOfOrderness(settings.outOfOrderness())
        .withTimestampAssigner((reading, previous) -> reading.ts)
        .withIdleness(settings.idleness());
    DataStream<MeterReading> input = env.fromSource(readings, watermarks, "alert-readings")
        .uid("alert-readings-source");

    DataStream<AlertUpdate> concentration = input
        .filter(ConcentrationAlerts::counts).name("concentration-values").uid("concentration-values")
        .keyBy(ConcentrationAlerts::key)
        .process(new ConcentrationAlerts(reference, rules.concentration(), maxAge))
        .name("concentration-alerts").uid("concentration-alerts");

    DataStream<AlertUpdate> permit = input
        .filter(OutletLoads::counts).name("alert-hourly-outlet-data").uid("alert-hourly-outlet-data")
        .keyBy(OutletLoads::key)
        .process(new OutletLoads(reference, maxAge, settings.retention().toMillis()))
        .name("alert-outlet-loads").uid("alert-outlet-loads")
        .keyBy(PermitAlerts::key)
        .process(new PermitAlerts(reference, rules.permit(), settings.retention().toMillis()))
        .name("permit-alerts").uid("permit-alerts");

    DataStream<AlertUpdate> silence = input
        .keyBy(SilenceAlerts::device)
        .process(new SilenceAlerts(reference, rules.silence(), maxAge))
        .name("silence-alerts").uid("silence-alerts");

    DataStream<AlertUpdate> quality = input
        .filter(reading -> !reading.isOutletValue()).name("alert-meter-readings").uid("alert-meter-readings")
        .keyBy(reading -> reading.meter)
        .process(new DataQualityAlerts(reference, rules.quality(), maxAge))
        .name("data-quality-alerts").uid("data-quality-alerts");

    DataStream<AlertUpdate> treatmentStopped = input
        .filter(TreatmentStoppedAlerts::counts).name("treatment-power-values").uid("treatment-power-values")
        .keyBy(reading -> reading.meter)
        .process(new TreatmentStoppedAlerts(reference, maxAge))
        .name("treatment-stopped-alerts").uid("treatment-stopped-alerts");

    // by id, so that every change of one alert reaches the sinks through one writer, in order
    KeyedStream<AlertUpdate, String> alerts = concentration.union(permit, silence, quality, treatmentStopped)
        .keyBy(alert -> alert.id);
    alerts.sinkTo(sinks.table()).name("alerts-table-sink").uid("alerts-table-sink");
    alerts.sinkTo(sinks.topic()).name("alerts-topic-sink").uid("alerts-topic-sink");
  }
}
