package io.parkloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.jobs.records.IndicatorRow;
import io.parkloop.jobs.records.LateReading;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.jobs.records.QualityEvent;
import io.parkloop.jobs.records.StatisticsRow;
import io.parkloop.jobs.records.WasteRow;
import io.parkloop.reference.Province;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Transfer meters counted once (SPEC "Links between enterprises"): the whole job on a MiniCluster
 * at parallelism 2 over {@link ChpPark}. Every expectation is computed here from the data set's
 * ground truth with the GB/T 2589 factors written out, none of the job's code.
 */
class CountedOnceTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static final double COAL_TCE_PER_T = 0.7143;
  static final double ELEC_TCE_PER_KWH = 0.1229 / 1000;
  static final double GAS_TCE_PER_M3 = 1.2143 / 1000;
  static final double STEAM_TCE_PER_T = 0.1286;
  static final double VALUE_ADDED_SIP = 900;

  static final ChpPark DATA = new ChpPark();
  static Map<String, IndicatorRow> inOrder;
  static Map<String, IndicatorRow> flows;
  /** The flows sink of each run, by run name. */
  static final Map<String, CollectingSink<IndicatorRow>> FLOW_SINKS = new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeAll
  static void runInOrder() throws Exception {
    inOrder = run(DATA.readings, "chp-in-order");
    flows = FLOW_SINKS.get("chp-in-order").rows();
  }

  static Map<String, IndicatorRow> run(List<MeterReading> readings, String name) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    CollectingSink<IndicatorRow> indicators = new CollectingSink<>(name, IndicatorRow::key);
    CollectingSink<IndicatorRow> flowSink = new CollectingSink<>(name + "-flows", IndicatorRow::key);
    FLOW_SINKS.put(name, flowSink);
    List<MeterReading> data = List.copyOf(readings);
    List<StatisticsRow> statistics = List.of(
        new StatisticsRow("A", ChpPark.DAY, 400.0, null, null), new StatisticsRow("B", ChpPark.DAY, 300.0, null, null),
        new StatisticsRow("C", ChpPark.DAY, 150.0, null, null), new StatisticsRow("CHP", ChpPark.DAY, 50.0, null, null));
    List<WasteRow> waste = ChpPark.waste();
    new IndicatorJob(ChpPark.REFERENCE, JobSettings.defaults(),
        new DataGeneratorSource<>(index -> data.get(index.intValue()), data.size(), TypeInformation.of(MeterReading.class)),
        new DataGeneratorSource<>(index -> statistics.get(index.intValue()), statistics.size(),
            TypeInformation.of(StatisticsRow.class)),
        new JobSinks(indicators,
            new CollectingSink<LateReading>(name + "-late", r -> r.meter + r.ts),
            new CollectingSink<QualityEvent>(name + "-quality", e -> e.meter + e.ts),
            new CollectingSink<MeterReading>(name + "-readings", r -> r.meter + r.ts), flowSink))
        .withWaste(new DataGeneratorSource<>(index -> waste.get(index.intValue()), waste.size(),
            TypeInformation.of(WasteRow.class)))
        .build(env);
    env.execute(name);
    return indicators.rows();
  }

  static double day(Map<String, IndicatorRow> rows, String scopeType, String scopeId, String indicator) {
    return value(rows, scopeType, scopeId, "day", ChpPark.DAY, indicator);
  }

  static double value(Map<String, IndicatorRow> rows, String scopeType, String scopeId, String period, long start,
      String indicator) {
    IndicatorRow row = rows.get(scopeType + '|' + scopeId + '|' + period + '|' + start + '|' + indicator);
    assertThat(row).as("%s %s %s %s %s", scopeType, scopeId, period, Instant.ofEpochMilli(start), indicator).isNotNull();
    return row.value;
  }

  private static void assertRelative(double actual, double expected, String what) {
    assertThat(Math.abs(actual - expected)).as("%s: %s vs expected %s", what, actual, expected)
        .isLessThanOrEqualTo(1e-9 * Math.abs(expected));
  }

  private static double steam(String... meters) {
    double t = 0;
    for (String meter : meters) {
      t += DATA.total(meter);
    }
    return t;
  }

  private static double electricity(String... meters) {
    return steam(meters);
  }

  /** The park's energy: the plant's coal and everyone's purchased electricity and gas, no steam. */
  static double sipEnergy() {
    return DATA.total("CHP-COAL") * COAL_TCE_PER_T
        + electricity("CHP-ELEC", "A-ELEC", "B-ELEC", "C-ELEC") * ELEC_TCE_PER_KWH
        + DATA.total("B-GAS") * GAS_TCE_PER_M3;
  }

  @Test
  void theParksEnergyIsWhatCrossesItsBoundaryNeverThePlantsCoalPlusItsCustomersSteam() {
    double sip = sipEnergy();
    assertRelative(day(inOrder, "park", "SIP", "energy_tce"), sip, "SIP energy_tce");
    // the steam inside the park is shown as exchanged, the steam to X as supplied out of the park
    assertRelative(day(inOrder, "park", "SIP", "energy_tce_exchanged"), steam("A-STM", "B-STM", "C-STM") * STEAM_TCE_PER_T,
        "SIP energy_tce_exchanged");
    assertRelative(day(inOrder, "park", "SIP", "energy_tce_supplied"), steam("X-STM") * STEAM_TCE_PER_T,
        "SIP energy_tce_supplied");
    assertRelative(day(inOrder, "park", "SIP", "energy_tce_net"), sip - steam("X-STM") * STEAM_TCE_PER_T,
        "SIP energy_tce_net");
    assertThat(day(inOrder, "park", "SIP", "steam_t")).isZero();
    assertRelative(day(inOrder, "park", "SIP", "steam_t_exchanged"), steam("A-STM", "B-STM", "C-STM"), "SIP steam_t_exchanged");
    // X's park bought its steam across its boundary
    assertRelative(day(inOrder, "park", "YC", "energy_tce"),
        electricity("X-ELEC") * ELEC_TCE_PER_KWH + steam("X-STM") * STEAM_TCE_PER_T, "YC energy_tce");
    // the province holds both ends of every transfer
    double province = sip + electricity("X-ELEC") * ELEC_TCE_PER_KWH;
    assertRelative(day(inOrder, "province", Province.NAME, "energy_tce"), province, "province energy_tce");
    assertRelative(day(inOrder, "region", "苏南", "energy_tce"), sip, "苏南 energy_tce");
    assertThat(inOrder).doesNotContainKey("province|" + Province.NAME + "|day|" + ChpPark.DAY + "|energy_tce_supplied");
  }

  @Test
  void enterpriseRowsShowGrossUseSuppliedAndNet() {
    double chpGross = DATA.total("CHP-COAL") * COAL_TCE_PER_T + electricity("CHP-ELEC") * ELEC_TCE_PER_KWH;
    double chpSupplied = steam("A-STM", "B-STM", "C-STM", "X-STM") * STEAM_TCE_PER_T;
    assertRelative(day(inOrder, "enterprise", "CHP", "energy_tce"), chpGross, "CHP gross");
    assertRelative(day(inOrder, "enterprise", "CHP", "energy_tce_supplied"), chpSupplied, "CHP supplied");
    assertRelative(day(inOrder, "enterprise", "CHP", "energy_tce_net"), chpGross - chpSupplied, "CHP net");
    assertRelative(day(inOrder, "enterprise", "CHP", "steam_t_supplied"), steam("A-STM", "B-STM", "C-STM", "X-STM"),
        "CHP steam_t_supplied");
    assertRelative(day(inOrder, "enterprise", "CHP", "recycled_water_m3_supplied"), DATA.total("A-RW"),
        "CHP recycled_water_m3_supplied");
    // a customer's rows are today's: its steam is its use
    assertRelative(day(inOrder, "enterprise", "A", "energy_tce"),
        electricity("A-ELEC") * ELEC_TCE_PER_KWH + steam("A-STM") * STEAM_TCE_PER_T, "A gross");
    assertRelative(day(inOrder, "enterprise", "C", "steam_t"), steam("C-STM"), "C steam_t");
    assertThat(inOrder).doesNotContainKey("enterprise|A|day|" + ChpPark.DAY + "|energy_tce_supplied");
    assertRelative(day(inOrder, "enterprise", "X", "steam_t"), steam("X-STM"), "X steam_t");
  }

  @Test
  void reclaimedWaterIsReuseForItsConsumerAndItsParkAndFreshWaterNowhere() {
    double rw = DATA.total("A-RW");
    double fw = DATA.total("A-FW");
    assertRelative(day(inOrder, "park", "SIP", "recycled_water_m3"), rw, "SIP recycled_water_m3");
    assertRelative(day(inOrder, "park", "SIP", "recycled_water_m3_exchanged"), rw, "SIP recycled_water_m3_exchanged");
    assertRelative(day(inOrder, "park", "SIP", "fresh_water_m3"), fw, "SIP fresh_water_m3");
    assertRelative(day(inOrder, "park", "SIP", "water_reuse_rate"), rw / (rw + fw) * 100, "SIP water_reuse_rate");
  }

  @Test
  void everyRatioUsesTheCountedOnceEnergy() {
    long march = ChpPark.DAY;
    double sip = sipEnergy();
    assertRelative(value(inOrder, "park", "SIP", "month", march, "energy_intensity"), sip / VALUE_ADDED_SIP,
        "SIP energy_intensity");
    assertRelative(value(inOrder, "park", "SIP", "month", march, "energy_output_rate"), VALUE_ADDED_SIP / sip,
        "SIP energy_output_rate");
    assertRelative(value(inOrder, "park", "SIP", "month", march, "resource_output_rate"), VALUE_ADDED_SIP * 1e4 / sip,
        "SIP resource_output_rate");
  }

  @Test
  void wasteRecordsBecomeMonthlyIndicatorsTheTicketSentTwiceCountedOnce() {
    long march = ChpPark.DAY;
    // generated: the plant's 500 t of ash and B's 40 t of slag; utilised: 300 t to C, 100 t to X, 30 t in-house
    assertThat(value(inOrder, "park", "SIP", "month", march, "solid_waste_generated_t")).isEqualTo(540.0);
    assertThat(value(inOrder, "park", "SIP", "month", march, "solid_waste_utilized_t")).isEqualTo(430.0);
    assertRelative(value(inOrder, "park", "SIP", "month", march, "solid_waste_utilization_rate"), 430.0 / 540 * 100,
        "SIP solid_waste_utilization_rate");
    assertThat(value(inOrder, "park", "SIP", "month", march, "solid_waste_disposed_t")).isEqualTo(50.0);
    assertThat(value(inOrder, "park", "SIP", "month", march, "solid_waste_stored_t")).isEqualTo(50.0);
    // exchanged between enterprises of the scope: C is in SIP, X only in the province
    assertThat(value(inOrder, "park", "SIP", "month", march, "waste_exchanged_t")).isEqualTo(300.0);
    assertThat(value(inOrder, "province", Province.NAME, "month", march, "waste_exchanged_t")).isEqualTo(400.0);
    assertThat(inOrder).doesNotContainKey("enterprise|CHP|month|" + march + "|waste_exchanged_t");
    assertThat(value(inOrder, "enterprise", "CHP", "month", march, "solid_waste_utilized_t")).isEqualTo(400.0);
    assertThat(value(inOrder, "enterprise", "B", "month", march, "solid_waste_utilization_rate")).isEqualTo(75.0);
    assertThat(value(inOrder, "park", "SIP", "month", march, "hazardous_waste_generated_t")).isEqualTo(10.0);
    assertThat(value(inOrder, "park", "SIP", "month", march, "hazardous_waste_to_handlers_t")).isEqualTo(8.0);
    assertThat(value(inOrder, "park", "SIP", "month", march, "hazardous_waste_disposed_t")).isEqualTo(2.0);
    long q1 = Instant.parse("2025-12-31T16:00:00Z").toEpochMilli();
    assertThat(value(inOrder, "park", "SIP", "year", q1, "solid_waste_generated_t")).isEqualTo(540.0);
  }

  /** The flows of SIP's March by link, e.g. {@code CHP>A internal steam_t}. */
  private static Map<String, Double> sipMarchFlows(Map<String, IndicatorRow> rows) {
    Map<String, Double> links = new java.util.TreeMap<>();
    rows.values().stream().map(io.parkloop.jobs.functions.FlowParts::toRecord)
        .filter(f -> f.park().equals("SIP") && f.periodType().equals("month")
            && f.periodStart().toEpochMilli() == ChpPark.DAY)
        .forEach(f -> links.put(f.source() + ">" + f.target() + " " + f.direction() + " " + f.flow(), f.value()));
    return links;
  }

  @Test
  void theParksMaterialFlowsNameWhoSuppliesWhomAndWhatLeavesThePark() {
    Map<String, Double> sip = sipMarchFlows(flows);
    assertThat(sip.get("CHP>A internal steam_t")).isEqualTo(DATA.total("A-STM"));
    assertRelative(sip.get("CHP>A internal energy_tce"), DATA.total("A-STM") * STEAM_TCE_PER_T, "CHP>A tce");
    assertThat(sip.get("CHP>X out steam_t")).isEqualTo(DATA.total("X-STM"));
    assertThat(sip.get("CHP>A internal recycled_water_m3")).isEqualTo(DATA.total("A-RW"));
    assertThat(sip.get("outside>B in natural_gas_m3")).isEqualTo(DATA.total("B-GAS"));
    assertThat(sip.get("outside>CHP in raw_coal_t")).isEqualTo(DATA.total("CHP-COAL"));
    // waste: the ash to C stays in the park, to X it leaves it, A's spent oil leaves to its handler
    assertThat(sip.get("CHP>C internal solid_waste_t")).isEqualTo(300.0);
    assertThat(sip.get("CHP>X out solid_waste_t")).isEqualTo(100.0);
    assertThat(sip.get("CHP>outside out solid_waste_t")).isEqualTo(50.0);
    assertThat(sip.get("A>JS0500OOD001 out hazardous_waste_t")).isEqualTo(8.0);
    // X's park sees the same steam coming in
    assertThat(flows.values().stream().map(io.parkloop.jobs.functions.FlowParts::toRecord)
        .filter(f -> f.park().equals("YC") && f.periodType().equals("month") && f.flow().equals("steam_t")
            && f.periodStart().toEpochMilli() == ChpPark.DAY)
        .map(f -> f.source() + ">" + f.target() + " " + f.direction() + " " + f.value()))
        .containsExactly("CHP>X in " + DATA.total("X-STM"));
    // nothing of scope type flow reaches the indicators
    assertThat(inOrder.values()).noneMatch(row -> row.scopeType.equals("flow"));
  }

  @Test
  void shuffledAndDuplicatedGivesTheVeryNumbers() throws Exception {
    List<MeterReading> disordered = new ArrayList<>(DATA.readings);
    Random random = new Random(14);
    for (int i = 0; i < DATA.readings.size() / 10; i++) {
      disordered.add(DATA.readings.get(random.nextInt(DATA.readings.size())));
    }
    // within windows of about three hours of readings, well inside the allowed lateness
    for (int from = 0; from < disordered.size(); from += 40) {
      Collections.shuffle(disordered.subList(from, Math.min(from + 40, disordered.size())), random);
    }
    Map<String, IndicatorRow> shuffled = run(disordered, "chp-shuffled");

    assertThat(shuffled.keySet()).isEqualTo(inOrder.keySet());
    inOrder.forEach((key, row) -> assertThat(shuffled.get(key).value).as(key).isEqualTo(row.value));
    assertThat(sipMarchFlows(FLOW_SINKS.get("chp-shuffled").rows())).isEqualTo(sipMarchFlows(flows));
    assertRelative(day(shuffled, "park", "SIP", "energy_tce"), sipEnergy(), "SIP energy_tce, shuffled");
  }
}
