package io.parkloop.jobs;

import static io.parkloop.reference.PeriodType.DAY;
import static io.parkloop.reference.PeriodType.HOUR;
import static io.parkloop.reference.PeriodType.MONTH;
import static io.parkloop.reference.PeriodType.QUARTER;
import static io.parkloop.reference.PeriodType.YEAR;

import io.parkloop.jobs.functions.DerivedIndicators;
import io.parkloop.jobs.functions.FlowParts;
import io.parkloop.jobs.functions.MeterConsumption;
import io.parkloop.jobs.functions.MeterHourToParts;
import io.parkloop.jobs.functions.NeverHoldsBackTime;
import io.parkloop.jobs.functions.OutletLoads;
import io.parkloop.jobs.functions.PeriodRollup;
import io.parkloop.jobs.functions.PeriodRetention;
import io.parkloop.jobs.functions.ReconciledDays;
import io.parkloop.jobs.functions.RollingSums;
import io.parkloop.jobs.functions.ScopeRollup;
import io.parkloop.jobs.functions.StatisticsToParts;
import io.parkloop.jobs.functions.SumOfParts;
import io.parkloop.jobs.functions.TransferParts;
import io.parkloop.jobs.functions.WasteToParts;
import io.parkloop.jobs.records.DayCorrection;
import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.jobs.records.MeterHour;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.jobs.records.StatisticsRow;
import io.parkloop.jobs.records.WasteRow;
import io.parkloop.reference.PeriodType;
import io.parkloop.reference.ReferenceData;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Readings, monthly statistics and waste records → the SPEC's indicators.
 *
 * <ol>
 *   <li>Per meter, readings become absolute hourly consumption; per outlet, hourly HJ 212 data
 *       become pollutant loads. Both are parts of their enterprise's hour.
 *   <li>Enterprise rows roll up to park, city, region, level and province; hours to days, days
 *       to months (joined there by the statistics), months to quarters and years.
 *   <li>Rolling windows (r24h, r30d, r12m) sum the last periods; ratios are derived from the
 *       summed quantities of each scope and period.
 *   <li>With a flows sink, each park's links (who supplies whom, what crosses its boundary) are
 *       summed per day and month ({@link FlowParts}).
 * </ol>
 *
 * <p>Every stage keeps and emits absolute values, so late, reordered and duplicated readings,
 * and a restart from a checkpoint, all end in the same numbers; the sums pass on only the latest
 * value of a row every {@link #WATCHED_EMIT_EVERY_MILLIS} or {@link #WIDER_EMIT_EVERY_MILLIS}, by
 * its {@link io.parkloop.jobs.records.FreshnessTier}. The sources and sinks come from
 * outside: Kafka and PostgreSQL in production, anything bounded in tests and replays.
 */
public final class IndicatorJob {
  /**
   * How often a changed enterprise or park hour or day is passed on at most (see {@link SumOfParts}):
   * a reading changes a dozen rows, each change fanning out through every later stage, while only
   * a row's latest total matters. Each summing stage adds up to this much to a row's freshness.
   */
  static final long WATCHED_EMIT_EVERY_MILLIS = 200;

  /**
   * The same for every other row: a province's hour or a park's month changes with every reading
   * below it and is read as a total. Four summing stages (wider hours, days, months, quarters and
   * years) and the sink's wider flush keep a province's year within about 20 s.
   */
  static final long WIDER_EMIT_EVERY_MILLIS = 2_000;

  private final ReferenceData reference;
  private final JobSettings settings;
  private final Source<MeterReading, ?, ?> readings;
  private final Source<StatisticsRow, ?, ?> statistics;
  private final JobSinks sinks;
  private Source<WasteRow, ?, ?> waste;
  private Source<DayCorrection, ?, ?> dayCorrections;
  private Sink<IndicatorRow> dayTotals;

  /** @param statistics monthly statistics, or null when there are none */
  public IndicatorJob(ReferenceData reference, JobSettings settings, Source<MeterReading, ?, ?> readings,
      Source<StatisticsRow, ?, ?> statistics, JobSinks sinks) {
    this.reference = reference;
    this.settings = settings;
    this.readings = readings;
    this.statistics = statistics;
    this.sinks = sinks;
  }

  /** Adds the solid-waste and by-product records (docs/indicators.md "Solid waste and by-products"). */
  public IndicatorJob withWaste(Source<WasteRow, ?, ?> waste) {
    this.waste = waste;
    return this;
  }

  /**
   * Adds the day totals {@code parkloop reconcile} recomputed with the late readings
   * (docs/indicators.md "Reconciliation"): they reach each day's row, and from there its month,
   * quarter, year, rolling and derived rows ({@link ReconciledDays}).
   */
  public IndicatorJob withDayCorrections(Source<DayCorrection, ?, ?> dayCorrections) {
    this.dayCorrections = dayCorrections;
    return this;
  }

  /** Also writes the summed day rows (quantities, every scope; no ratios) to {@code dayTotals}: what reconcile publishes. */
  public IndicatorJob withDayTotals(Sink<IndicatorRow> dayTotals) {
    this.dayTotals = dayTotals;
    return this;
  }

  /** The whole graph, from the sources to the sinks; each step below is one stage of the class comment. */
  public void build(StreamExecutionEnvironment env) {
    DataStream<MeterReading> input = env.fromSource(readings, readingWatermarks(), "readings").uid("readings-source");
    input.filter(MeterReading::isStored).name("stored-readings").uid("stored-readings")
        .sinkTo(sinks.readings()).name("readings-sink").uid("readings-sink");
    SingleOutputStreamOperator<MeterHour> meterHours = meterHours(input);
    SingleOutputStreamOperator<IndicatorPart> outletLoads = outletLoads(input);
    meterHours.getSideOutput(MeterConsumption.LATE).union(outletLoads.getSideOutput(MeterConsumption.LATE))
        .sinkTo(sinks.lateReadings()).name("late-readings-sink").uid("late-readings-sink");
    meterHours.getSideOutput(MeterConsumption.QUALITY).sinkTo(sinks.qualityEvents())
        .name("quality-events-sink").uid("quality-events-sink");

    DataStream<IndicatorRow> hours = hours(meterHours, outletLoads);
    DataStream<IndicatorRow> days = days(env, hours);
    DataStream<WasteRow> wasteRows = waste == null ? null : env
        .fromSource(waste, WatermarkStrategy.forGenerator(context -> new NeverHoldsBackTime<>()), "waste")
        .uid("waste-source");
    DataStream<IndicatorRow> months = months(env, days, wasteRows);
    if (sinks.flows() != null) {
      materialFlows(meterHours, wasteRows);
    }
    DataStream<IndicatorRow> quartersAndYears = sum(
        rollup(months, MONTH, QUARTER).union(rollup(months, MONTH, YEAR)), "quarters-and-years", longRetention());
    DataStream<IndicatorRow> calendar = hours.union(days, months, quartersAndYears);
    rollingWindowsAndRatios(calendar);
  }

  /** Event time is the readings' own; a partition without readings for a while does not hold it back. */
  private WatermarkStrategy<MeterReading> readingWatermarks() {
    return WatermarkStrategy.<MeterReading>forBoundedOutOfOrderness(settings.outOfOrderness())
        .withTimestampAssigner((reading, previous) -> reading.ts)
        .withIdleness(settings.idleness());
  }

  /** Per meter, each hour's absolute consumption; late readings and counter resets to side outputs. */
  private SingleOutputStreamOperator<MeterHour> meterHours(DataStream<MeterReading> input) {
    return input
        .filter(reading -> !reading.isOutletValue()).name("meter-readings").uid("meter-readings")
        .keyBy(reading -> reading.meter)
        .process(new MeterConsumption(reference, settings.maxAge().toMillis(), retention()))
        .name("meter-hourly-consumption").uid("meter-hourly-consumption");
  }

  /** Per outlet and hour, the pollutant loads of its hourly HJ 212 data, as parts of the enterprise's hour. */
  private SingleOutputStreamOperator<IndicatorPart> outletLoads(DataStream<MeterReading> input) {
    return input
        .filter(OutletLoads::counts).name("hourly-outlet-data").uid("hourly-outlet-data")
        .keyBy(OutletLoads::key)
        .process(new OutletLoads(reference, settings.maxAge().toMillis(), retention()))
        .name("outlet-loads").uid("outlet-loads");
  }

  /** Enterprise hours from meters and outlets, and the wider scopes' hours from them and the transfers. */
  private DataStream<IndicatorRow> hours(DataStream<MeterHour> meterHours, DataStream<IndicatorPart> outletLoads) {
    DataStream<IndicatorRow> enterpriseHours = sum(
        meterHours.flatMap(new MeterHourToParts(reference)).name("meter-hour-to-parts").uid("meter-hour-to-parts")
            .union(outletLoads),
        "enterprise-hours", retention());
    // transfer meters: the supplier's side, and a transfer inside a scope counted once (TransferParts)
    DataStream<IndicatorPart> transfers = meterHours.flatMap(new TransferParts(reference))
        .name("transfer-parts").uid("transfer-parts");
    return enterpriseHours.union(sum(
        enterpriseHours.flatMap(new ScopeRollup(reference)).name("scope-rollup").uid("scope-rollup").union(transfers),
        "wider-scope-hours", retention()));
  }

  /** Days from hours; with corrections, what reconcile found the late readings add (ReconciledDays). */
  private DataStream<IndicatorRow> days(StreamExecutionEnvironment env, DataStream<IndicatorRow> hours) {
    DataStream<IndicatorRow> days = sum(rollup(hours, HOUR, DAY), "days", retention());
    if (dayTotals != null) {
      days.sinkTo(dayTotals).name("day-totals-sink").uid("day-totals-sink");
    }
    if (dayCorrections == null) {
      return days;
    }
    return days.connect(env
            .fromSource(dayCorrections, WatermarkStrategy.forGenerator(context -> new NeverHoldsBackTime<>()),
                "day-corrections")
            .uid("day-corrections-source"))
        .keyBy(IndicatorRow::key, DayCorrection::rowKey)
        .process(new ReconciledDays(longRetention())).name("reconciled-days").uid("reconciled-days");
  }

  /** Months from days, joined there by the monthly statistics and the waste records. */
  private DataStream<IndicatorRow> months(StreamExecutionEnvironment env, DataStream<IndicatorRow> days,
      DataStream<WasteRow> wasteRows) {
    DataStream<IndicatorPart> monthParts = rollup(days, DAY, MONTH);
    if (statistics != null) {
      monthParts = monthParts.union(env
          .fromSource(statistics, WatermarkStrategy.forGenerator(context -> new NeverHoldsBackTime<>()), "statistics")
          .uid("statistics-source")
          .flatMap(new StatisticsToParts(reference)).name("statistics-to-parts").uid("statistics-to-parts"));
    }
    if (wasteRows != null) {
      monthParts = monthParts.union(
          wasteRows.flatMap(new WasteToParts(reference)).name("waste-to-parts").uid("waste-to-parts"));
    }
    return sum(monthParts, "months", longRetention());
  }

  /** The rolling windows of the calendar rows, the ratios of both, and everything to the indicators sink. */
  private void rollingWindowsAndRatios(DataStream<IndicatorRow> calendar) {
    PeriodRetention periodRetention = new PeriodRetention(retention(), longRetention());
    DataStream<IndicatorRow> rolling = calendar
        .filter(RollingSums::isInput).name("rolling-inputs").uid("rolling-inputs")
        .keyBy(RollingSums::key)
        .process(new RollingSums(periodRetention)).name("rolling-sums").uid("rolling-sums");
    DataStream<IndicatorRow> derived = calendar.union(rolling)
        .filter(DerivedIndicators::isInput).name("ratio-inputs").uid("ratio-inputs")
        .keyBy(DerivedIndicators::key)
        .process(new DerivedIndicators(reference, periodRetention)).name("derived-ratios").uid("derived-ratios");
    calendar.union(rolling, derived).sinkTo(sinks.indicators()).name("indicators-sink").uid("indicators-sink");
  }

  /** How long hours and days stay open: the maximum age and a day. */
  private long retention() {
    return settings.retention().toMillis();
  }

  /** How long months, quarters and years stay open: statistics come weeks late. */
  private long longRetention() {
    return settings.statisticsRetention().toMillis();
  }

  /** Each park's links per day (meters) and month (meters and waste), to the flows sink (FlowParts). */
  private void materialFlows(DataStream<MeterHour> meterHours, DataStream<WasteRow> wasteRows) {
    DataStream<IndicatorRow> flowDays = sum(
        meterHours.flatMap(new FlowParts.OfMeters(reference)).name("meter-flows").uid("meter-flows"),
        "flow-days", retention());
    DataStream<IndicatorPart> flowMonthParts = flowDays.flatMap(new PeriodRollup(DAY, MONTH))
        .name("flow-day-to-month").uid("flow-day-to-month");
    if (wasteRows != null) {
      flowMonthParts = flowMonthParts.union(
          wasteRows.flatMap(new FlowParts.OfWaste(reference)).name("waste-flows").uid("waste-flows"));
    }
    flowDays.union(sum(flowMonthParts, "flow-months", longRetention()))
        .sinkTo(sinks.flows()).name("flows-sink").uid("flows-sink");
  }

  private static DataStream<IndicatorPart> rollup(DataStream<IndicatorRow> rows, PeriodType from, PeriodType to) {
    String name = from.code() + "-to-" + to.code();
    return rows.flatMap(new PeriodRollup(from, to)).name(name).uid(name);
  }

  private static DataStream<IndicatorRow> sum(DataStream<IndicatorPart> parts, String name, long retention) {
    return parts.keyBy(IndicatorPart::rowKey)
        .process(new SumOfParts(retention, WATCHED_EMIT_EVERY_MILLIS, WIDER_EMIT_EVERY_MILLIS))
        .name(name).uid(name);
  }
}
