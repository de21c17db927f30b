package io.parkloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.jobs.records.LateReading;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.jobs.records.QualityEvent;
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
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    CollectingSink<IndicatorRow> indicators = new CollectingSink<>(name, IndicatorRow::key);
    List<MeterReading> data = List.copyOf(readings);
    DataGeneratorSource<MeterReading> source = new DataGeneratorSource<>(
        index -> data.get(index.intValue()), data.size(), TypeInformation.of(MeterReading.class));
    new IndicatorJob(REFERENCE, JobSettings.defaults(), source, new JobSinks(indicators,
        new CollectingSink<LateReading>(name + "-late", r -> r.meter + r.ts),
        new CollectingSink<QualityEvent>(name + "-quality", e -> e.meter + e.ts))).build(env);
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
    assertThat(value(rows, "province", "江苏", "day", T0, "energy_tce"))
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
    // shuffle within windows of 3 hours of readings, well inside the allowed lateness
    for (int from = 0; from < disordered.size(); from += 36) {
      Collections.shuffle(disordered.subList(from, Math.min(from + 36, disordered.size())), random);
    }
    Map<String, IndicatorRow> actual = run(disordered, "disordered-run");

    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((key, row) -> assertThat(actual.get(key).value).as(key).isEqualTo(row.value));
  }
}
