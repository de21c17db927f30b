package io.parkloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.jobs.records.LateReading;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.jobs.records.QualityEvent;
import io.parkloop.jobs.records.StatisticsRow;
import io.parkloop.reference.Province;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole job graph on a MiniCluster at parallelism 2, fed from memory. */
class IndicatorJobTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static final ReferenceData REFERENCE = ReferenceLoader.parse("job-test.yaml", """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
        - {id: YC, name: 盐城环保科技城, city: 盐城, level: provincial, land_area_km2: 50.0}
      enterprises:
        - {id: E1, park: SIP}
        - {id: E2, park: YC}
      meters:
        - {id: E1-ELEC, enterprise: E1, medium: electricity, reading: cumulative, unit: kWh, rollover: 100000}
        - {id: E1-FW, enterprise: E1, medium: fresh_water, reading: cumulative, unit: m3}
        - {id: E2-STM, enterprise: E2, medium: steam, reading: interval, unit: t, interval: 1h}
      outlets:
        - {id: E2-WW1, enterprise: E2, type: water, mn: "88888880000009", limits_mg_per_l: {w01018: 50}}
      """);
  // 2026-03-01 00:00 in Shanghai
  static final long T0 = Instant.parse("2026-02-28T16:00:00Z").toEpochMilli();
  static final long MIN = 60_000;

  private static MeterReading reading(String meter, long minutes, double value) {
    return new MeterReading(meter, T0 + minutes * MIN, value, T0 + minutes * MIN);
  }

  /** Two days of readings: E1's counter rolls over once, E2 reports steam hourly. */
  static List<MeterReading> twoDays() {
    List<MeterReading> readings = new ArrayList<>();
    double elec = 99_000;
    for (long m = 0; m <= 48 * 60; m += 15) {
      readings.add(reading("E1-ELEC", m, elec));
      elec = (elec + 100) % 100_000;
      readings.add(reading("E1-FW", m, 500 + m / 15 * 2.0));
      if (m % 60 == 0 && m > 0) {
        readings.add(reading("E2-STM", m, 3.0));
      }
    }
    return readings;
  }

  private static Map<String, IndicatorRow> run(List<MeterReading> readings, String name) throws Exception {
    return run(readings, null, name);
  }

  private static Map<String, IndicatorRow> run(List<MeterReading> readings, List<StatisticsRow> statistics, String name)
      throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    CollectingSink<IndicatorRow> indicators = new CollectingSink<>(name, IndicatorRow::key);
    List<MeterReading> data = List.copyOf(readings);
    DataGeneratorSource<MeterReading> source = new DataGeneratorSource<>(
        index -> data.get(index.intValue()), data.size(), TypeInformation.of(MeterReading.class));
    DataGeneratorSource<StatisticsRow> statisticsSource = statistics == null ? null : new DataGeneratorSource<>(
        index -> statistics.get(index.intValue()), statistics.size(), TypeInformation.of(StatisticsRow.class));
    new IndicatorJob(REFERENCE, JobSettings.defaults(), source, statisticsSource, new JobSinks(indicators,
        new CollectingSink<LateReading>(name + "-late", r -> r.meter + r.ts),
        new CollectingSink<QualityEvent>(name + "-quality", e -> e.meter + e.ts),
        new CollectingSink<MeterReading>(name + "-readings", r -> r.meter + r.ts))).build(env);
    env.execute(name);
    return indicators.rows();
  }

  private static double value(Map<String, IndicatorRow> rows, String scopeType, String scopeId, String period,
      long start, String indicator) {
    IndicatorRow row = rows.get(scopeType + '|' + scopeId + '|' + period + '|' + start + '|' + indicator);
    assertThat(row).as("%s %s %s %s %s", scopeType, scopeId, period, Instant.ofEpochMilli(start), indicator).isNotNull();
    return row.value;
  }

  @Test
  void computesEnterpriseAndWiderScopesPerHourAndDay() throws Exception {
    Map<String, IndicatorRow> rows = run(twoDays(), "in-order");

    // 100 kWh per 15 minutes, across the rollover at 100,000
    assertThat(value(rows, "enterprise", "E1", "hour", T0 + 3_600_000L * 5, "electricity_kwh")).isCloseTo(400, within(1e-6));
    assertThat(value(rows, "enterprise", "E1", "day", T0, "electricity_kwh")).isCloseTo(9_600, within(1e-6));
    assertThat(value(rows, "enterprise", "E1", "day", T0, "energy_tce")).isCloseTo(9_600 * 0.0001229, within(1e-6));
    assertThat(value(rows, "enterprise", "E1", "day", T0, "fresh_water_m3")).isCloseTo(192, within(1e-6));
    // steam 3 t an hour, 0.1286 tce/t
    assertThat(value(rows, "enterprise", "E2", "day", T0, "steam_t")).isCloseTo(72, within(1e-6));
    assertThat(value(rows, "park", "YC", "day", T0, "energy_tce")).isCloseTo(72 * 0.1286, within(1e-6));
    assertThat(value(rows, "region", "苏南", "day", T0, "electricity_kwh")).isCloseTo(9_600, within(1e-6));
    assertThat(value(rows, "level", "provincial", "day", T0, "steam_t")).isCloseTo(72, within(1e-6));
    assertThat(value(rows, "province", Province.NAME, "day", T0, "energy_tce"))
        .isCloseTo(9_600 * 0.0001229 + 72 * 0.1286, within(1e-6));
    assertThat(value(rows, "city", "盐城", "hour", T0 + 3_600_000L * 23, "steam_t")).isCloseTo(3, within(1e-6));
  }

  @Test
  void shuffledWithinTheLatenessAndDuplicatedGivesTheSameNumbers() throws Exception {
    List<MeterReading> readings = twoDays();
    Map<String, IndicatorRow> expected = run(readings, "reference-run");

    Random random = new Random(7);
    List<MeterReading> disordered = new ArrayList<>(readings);
    for (int i = 0; i < readings.size() / 20; i++) {
      disordered.add(readings.get(random.nextInt(readings.size())));
    }
    // shuffle within windows of 3 hours of readings, well inside the maximum age
    for (int from = 0; from < disordered.size(); from += 36) {
      Collections.shuffle(disordered.subList(from, Math.min(from + 36, disordered.size())), random);
    }
    Map<String, IndicatorRow> actual = run(disordered, "disordered-run");

    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((key, row) -> assertThat(actual.get(key).value).as(key).isEqualTo(row.value));
  }

  @Test
  void monthsJoinTheStatisticsAndRatiosAreQuantitiesAddedThenDivided() throws Exception {
    List<MeterReading> readings = new ArrayList<>(twoDays());
    long hour1 = T0 + 3_600_000L;
    long hour2 = hour1 + 3_600_000L;
    // the analyser sends each hour's data when the hour is over, among the meters' readings of then
    // (sent only at the end of the two days they would count too: a backlog within the maximum age)
    int sent = (int) readings.stream().filter(reading -> reading.ts <= hour2 + 3_600_000L).count();
    readings.addAll(sent, List.of(
        MeterReading.outlet("E2-WW1", hour1, "w01018", "Avg", 40, "N", "hour", hour1),
        MeterReading.outlet("E2-WW1", hour1, "w00000", "Cou", 100, "N", "hour", hour1),
        MeterReading.outlet("E2-WW1", hour1, "w21003", "Cou", 0.5, "N", "hour", hour1),
        MeterReading.outlet("E2-WW1", hour2, "w01018", "Avg", 80, "D", "hour", hour2),
        MeterReading.outlet("E2-WW1", hour2, "w00000", "Cou", 100, "N", "hour", hour2)));
    List<StatisticsRow> statistics = List.of(
        new StatisticsRow("E1", T0, 100.0, 400.0, 5.0), new StatisticsRow("E2", T0, 50.0, null, null));

    Map<String, IndicatorRow> rows = run(readings, statistics, "with-statistics");

    double e1Tce = 19_200 * 0.0001229;
    double e2Tce = 48 * 3 * 0.1286;
    assertThat(value(rows, "enterprise", "E1", "month", T0, "electricity_kwh")).isCloseTo(19_200, within(1e-6));
    assertThat(value(rows, "enterprise", "E1", "month", T0, "value_added_10k_cny")).isEqualTo(100.0);
    assertThat(value(rows, "enterprise", "E1", "month", T0, "energy_output_rate")).isCloseTo(100 / e1Tce, within(1e-6));
    assertThat(value(rows, "enterprise", "E1", "month", T0, "resource_output_rate"))
        .isCloseTo(100 * 1e4 / (e1Tce + 5), within(1e-6));
    assertThat(value(rows, "enterprise", "E1", "day", T0, "water_reuse_rate")).isZero();
    // the park's and the province's ratio: summed value added over summed energy, never averaged ratios
    long q1 = Instant.parse("2025-12-31T16:00:00Z").toEpochMilli();
    assertThat(value(rows, "province", Province.NAME, "quarter", q1, "energy_intensity"))
        .isCloseTo((e1Tce + e2Tce) / 150, within(1e-9));
    assertThat(value(rows, "park", "SIP", "year", q1, "land_output_rate"))
        .isCloseTo(100 / 1e4 / 278, within(1e-12));
    // loads: COD from the average × volume, NH3-N from the analyser's own total; a D-flagged hour does not count
    assertThat(value(rows, "enterprise", "E2", "hour", hour1, "cod_kg")).isCloseTo(4, within(1e-9));
    assertThat(value(rows, "enterprise", "E2", "hour", hour1, "nh3n_kg")).isCloseTo(0.5, within(1e-9));
    assertThat(rows).doesNotContainKey("enterprise|E2|hour|" + hour2 + "|cod_kg");
    assertThat(value(rows, "enterprise", "E2", "month", T0, "cod_intensity")).isCloseTo(4 / 50.0, within(1e-9));
    // rolling windows carry their end
    assertThat(value(rows, "enterprise", "E1", "r24h", T0 + 24 * 3_600_000L, "electricity_kwh")).isCloseTo(9_600, within(1e-6));
    assertThat(value(rows, "enterprise", "E1", "r30d", T0 + 2 * 24 * 3_600_000L, "electricity_kwh")).isCloseTo(19_200, within(1e-6));
  }

  @Test
  void anHourTheAnalyserCouldNotComputeCountsNoLoad() throws Exception {
    long hour1 = T0 + 3_600_000L;
    long hour2 = hour1 + 3_600_000L;
    List<MeterReading> readings = List.of(
        MeterReading.outlet("E2-WW1", hour1, "w01018", "Avg", 40, "N", "hour", hour1),
        MeterReading.outlet("E2-WW1", hour1, "w00000", "Cou", 100, "N", "hour", hour1),
        // HJ 212-2025's +9999.99 as ingest flags it: with the flow, it would make 999.999 kg
        MeterReading.outlet("E2-WW1", hour2, "w01018", "Avg", 9999.99, "U", "hour", hour2),
        MeterReading.outlet("E2-WW1", hour2, "w00000", "Cou", 100, "N", "hour", hour2));

    Map<String, IndicatorRow> rows = run(readings, "not-computed");

    assertThat(value(rows, "enterprise", "E2", "hour", hour1, "cod_kg")).isCloseTo(4, within(1e-9));
    assertThat(rows).doesNotContainKey("enterprise|E2|hour|" + hour2 + "|cod_kg");
    assertThat(value(rows, "enterprise", "E2", "day", T0, "cod_kg")).isCloseTo(4, within(1e-9));
  }
}
