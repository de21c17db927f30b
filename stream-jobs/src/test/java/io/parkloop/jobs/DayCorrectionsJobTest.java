package io.parkloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parkloop.jobs.records.DayCorrection;
import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.jobs.records.LateReading;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.jobs.records.QualityEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The indicator job with reconcile's day corrections: a corrected day replaces the live job's
 * value of that day in its month, year, rolling and derived rows.
 */
class DayCorrectionsJobTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
  private static final long DAY = 86_400_000L;
  /** E1's live electricity: 400 kWh an hour (IndicatorJobTest.twoDays). */
  private static final double LIVE_DAY_KWH = 9_600;

  @Test
  void aCorrectedDayReplacesTheLiveDaysContributionToItsMonthYearRollingAndRatioRows() throws Exception {
    // late readings added 200 kWh to E1's, so SIP's, first day (a later correction replacing an
    // earlier one: ReconciledDaysHarnessTest; here the source's two subtasks would not keep their order)
    List<DayCorrection> corrections = List.of(
        new DayCorrection("enterprise", "E1", IndicatorJobTest.T0, "electricity_kwh", "kWh", LIVE_DAY_KWH + 200, 200),
        new DayCorrection("park", "SIP", IndicatorJobTest.T0, "electricity_kwh", "kWh", LIVE_DAY_KWH + 200, 200),
        // and a recycled-water meter, read only late, gave E1 a quantity the live job never had
        new DayCorrection("enterprise", "E1", IndicatorJobTest.T0, "recycled_water_m3", "m3", 48, 48));

    Map<String, IndicatorRow> rows = run(IndicatorJobTest.twoDays(), corrections);

    long t0 = IndicatorJobTest.T0;
    for (String[] scope : List.of(new String[] {"enterprise", "E1"}, new String[] {"park", "SIP"})) {
      assertThat(value(rows, scope[0], scope[1], "day", t0, "electricity_kwh")).isCloseTo(9_800, within(1e-6));
      assertThat(value(rows, scope[0], scope[1], "day", t0 + DAY, "electricity_kwh")).isCloseTo(9_600, within(1e-6));
      assertThat(value(rows, scope[0], scope[1], "month", t0, "electricity_kwh")).isCloseTo(19_400, within(1e-6));
      assertThat(value(rows, scope[0], scope[1], "year", Instant.parse("2025-12-31T16:00:00Z").toEpochMilli(),
          "electricity_kwh")).isCloseTo(19_400, within(1e-6));
      assertThat(value(rows, scope[0], scope[1], "r30d", t0 + 2 * DAY, "electricity_kwh"))
          .isCloseTo(19_400, within(1e-6));
    }
    // the ratios downstream of the day take it in: 48 m³ recycled of 192 + 48 m³
    assertThat(value(rows, "enterprise", "E1", "day", t0, "recycled_water_m3")).isCloseTo(48, within(1e-6));
    assertThat(value(rows, "enterprise", "E1", "day", t0, "water_reuse_rate")).isCloseTo(20, within(1e-6));
    assertThat(value(rows, "enterprise", "E1", "month", t0, "water_reuse_rate"))
        .isCloseTo(48.0 / (384 + 48) * 100, within(1e-6));
    // the province has no correction of its own: its rows stay the live job's
    assertThat(value(rows, "province", "江苏", "month", t0, "electricity_kwh")).isCloseTo(19_200, within(1e-6));
  }

  private static Map<String, IndicatorRow> run(List<MeterReading> readings, List<DayCorrection> corrections)
      throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    CollectingSink<IndicatorRow> indicators = new CollectingSink<>("corrected", IndicatorRow::key);
    new IndicatorJob(IndicatorJobTest.REFERENCE, JobSettings.defaults(),
        new DataGeneratorSource<>(index -> readings.get(index.intValue()), readings.size(),
            TypeInformation.of(MeterReading.class)),
        null, new JobSinks(indicators,
            new CollectingSink<LateReading>("corrected-late", r -> r.meter + r.ts),
            new CollectingSink<QualityEvent>("corrected-quality", e -> e.meter + e.ts),
            new CollectingSink<MeterReading>("corrected-readings", r -> r.meter + r.ts)))
        .withDayCorrections(new DataGeneratorSource<>(index -> corrections.get(index.intValue()), corrections.size(),
            TypeInformation.of(DayCorrection.class)))
        .build(env);
    env.execute("day-corrections");
    return indicators.rows();
  }

  private static double value(Map<String, IndicatorRow> rows, String scopeType, String scopeId, String period,
      long start, String indicator) {
    IndicatorRow row = rows.get(scopeType + '|' + scopeId + '|' + period + '|' + start + '|' + indicator);
    assertThat(row).as("%s %s %s %s %s", scopeType, scopeId, period, Instant.ofEpochMilli(start), indicator).isNotNull();
    return row.value;
  }
}
