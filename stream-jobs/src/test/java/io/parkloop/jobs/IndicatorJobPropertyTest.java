package io.parkloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.jobs.records.LateReading;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.jobs.records.QualityEvent;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * For generated data (random meters, rates, gaps, counter rollovers and resets), the indicators
 * are identical whether the readings arrive in order, shuffled within the maximum age,
 * with 5 % duplicates, or with the job failing half-way and restarting from its last checkpoint.
 */
class IndicatorJobPropertyTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static final ReferenceData REFERENCE = ReferenceLoader.parse("property.yaml", """
      parks:
        - {id: P1, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
        - {id: P2, name: 盐城环保科技城, city: 盐城, level: provincial, land_area_km2: 50.0}
      enterprises:
        - {id: A, park: P1}
        - {id: B, park: P1}
        - {id: C, park: P2}
      meters:
        - {id: A-ELEC, enterprise: A, medium: electricity, reading: cumulative, unit: kWh, rollover: 50000}
        - {id: A-FW,   enterprise: A, medium: fresh_water, reading: cumulative, unit: m3}
        - {id: B-GAS,  enterprise: B, medium: natural_gas, reading: cumulative, unit: m3}
        - {id: B-RW,   enterprise: B, medium: recycled_water, reading: cumulative, unit: m3}
        - {id: C-STM,  enterprise: C, medium: steam, reading: interval, unit: t}
        - {id: C-ELEC, enterprise: C, medium: electricity, reading: cumulative, unit: MWh}
      """);
  static final long T0 = Instant.parse("2026-03-30T16:00:00Z").toEpochMilli(); // 2026-03-31 00:00 Shanghai

  /** About 30 h of readings every 5–20 minutes per meter, arrival order = time order. */
  static List<MeterReading> generate(long seed) {
    Random random = new Random(seed);
    List<MeterReading> readings = new ArrayList<>();
    for (var meter : REFERENCE.meters()) {
      double value = meter.rollover() != null ? 49_000 : random.nextInt(1_000);
      for (long t = T0 + random.nextInt(600_000); t < T0 + Duration.ofHours(30).toMillis();
          t += 300_000 + random.nextInt(900_000)) {
        double step = 10 + random.nextInt(200);
        if (meter.cumulative()) {
          value = random.nextInt(400) == 0 ? step : value + step; // now and then a counter reset
          if (meter.rollover() != null && value >= meter.rollover()) {
            value -= meter.rollover();
          }
        } else {
          value = step;
        }
        readings.add(new MeterReading(meter.id(), t, Math.round(value * 1000) / 1000.0, t));
      }
    }
    readings.sort((a, b) -> Long.compare(a.ts, b.ts));
    return readings;
  }

  private static Map<String, Double> run(List<MeterReading> readings, String name, Long failAtWrite) throws Exception {
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ZERO);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(2);
    CollectingSink<IndicatorRow> indicators = new CollectingSink<>(name, IndicatorRow::key);
    List<MeterReading> data = List.copyOf(readings);
    DataGeneratorSource<MeterReading> source;
    if (failAtWrite == null) {
      source = new DataGeneratorSource<>(index -> data.get(index.intValue()), data.size(),
          TypeInformation.of(MeterReading.class));
    } else {
      // paced, so that checkpoints complete while the data flows and the failure falls between them
      env.enableCheckpointing(100);
      indicators.failingOnceAt(failAtWrite);
      source = new DataGeneratorSource<>(index -> data.get(index.intValue()), data.size(),
          RateLimiterStrategy.perSecond(1_000), TypeInformation.of(MeterReading.class));
    }
    new IndicatorJob(REFERENCE, JobSettings.defaults(), source, null, new JobSinks(indicators,
        new CollectingSink<LateReading>(name + "-late", r -> r.meter + r.ts),
        new CollectingSink<QualityEvent>(name + "-quality", e -> e.meter + e.ts),
        new CollectingSink<MeterReading>(name + "-readings", r -> r.meter + r.ts))).build(env);
    env.execute(name);
    Map<String, Double> values = new TreeMap<>();
    indicators.rows().forEach((key, row) -> values.put(key, row.value));
    return values;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2})
  void theSameReadingsGiveTheSameIndicatorsHoweverTheyArrive(long seed) throws Exception {
    List<MeterReading> inOrder = generate(seed);
    Random random = new Random(seed * 31);
    Map<String, Double> expected = run(inOrder, "in-order-" + seed, null);

    List<MeterReading> shuffled = new ArrayList<>(inOrder);
    for (int from = 0; from < shuffled.size(); from += 40) {
      // readings of about two hours at a time arrive in any order: well within the maximum age
      Collections.shuffle(shuffled.subList(from, Math.min(from + 40, shuffled.size())), random);
    }
    List<MeterReading> duplicated = new ArrayList<>(inOrder);
    for (int i = 0; i < inOrder.size() / 20; i++) {
      int at = random.nextInt(inOrder.size());
      duplicated.add(Math.min(at + 1 + random.nextInt(30), duplicated.size()), inOrder.get(at));
    }

    assertThat(expected).hasSizeGreaterThan(500);
    assertThat(run(shuffled, "shuffled-" + seed, null)).isEqualTo(expected);
    assertThat(run(duplicated, "duplicated-" + seed, null)).isEqualTo(expected);
    assertThat(run(inOrder, "restarted-" + seed, (long) expected.size())).isEqualTo(expected);
  }
}
