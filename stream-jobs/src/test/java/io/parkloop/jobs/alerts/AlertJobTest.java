package io.parkloop.jobs.alerts;

import static io.parkloop.jobs.alerts.TestReadings.COD;
import static io.parkloop.jobs.alerts.TestReadings.OUTLET;
import static io.parkloop.jobs.alerts.TestReadings.REFERENCE;
import static io.parkloop.jobs.alerts.TestReadings.T0;
import static io.parkloop.jobs.alerts.TestReadings.hourly;
import static io.parkloop.jobs.alerts.TestReadings.hours;
import static io.parkloop.jobs.alerts.TestReadings.meter;
import static io.parkloop.jobs.alerts.TestReadings.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.parkloop.jobs.CollectingSink;
import io.parkloop.jobs.JobSettings;
import io.parkloop.jobs.records.MeterReading;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The alert job's whole graph on a MiniCluster at parallelism 2, fed from memory. */
class AlertJobTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  /**
   * Two days of an outlet's hourly data (COD against its limit of 50 mg/L, discharged volume)
   * with two exceedance episodes, the second across midnight; a D-flagged spike that must not
   * count; and an electricity meter every quarter hour with a three-hour gap and a counter reset.
   */
  static List<MeterReading> twoDays() {
    Map<Integer, Double> episodes = Map.of(8, 55.0, 9, 72.5, 10, 60.0, 11, 52.0,
        22, 58.0, 23, 88.0, 24, 47.0, 25, 75.0, 26, 51.0);
    List<MeterReading> readings = new ArrayList<>();
    for (int hour = 0; hour < 48; hour++) {
      double cod = episodes.getOrDefault(hour, 30.0 + hour % 7);
      readings.add(hourly(OUTLET, COD).at(T0.plus(hours(hour))).value(cod));
      readings.add(hourly(OUTLET, "w21003").at(T0.plus(hours(hour))).value(2.5));
      readings.add(MeterReading.outlet(OUTLET, T0.plus(hours(hour)).toEpochMilli(), "w00000", "Cou", 100, "N", "hour",
          T0.plus(hours(hour)).toEpochMilli()));
    }
    readings.add(hourly(OUTLET, COD).at(T0.plus(hours(15))).flag("D").value(95));
    for (int quarter = 0; quarter <= 48 * 4; quarter++) {
      boolean gap = quarter > 4 * 30 && quarter < 4 * 33;
      if (!gap) {
        double counter = quarter == 4 * 40 ? 3 : 10_000 + 25.0 * quarter;
        readings.add(meter("E1-ELEC").at(T0.plus(minutes(15L * quarter))).value(counter));
      }
    }
    return readings;
  }

  /** The alerts on the table sink and on the topic sink after the run: the latest state of each id, withdrawn ones gone. */
  private record Outputs(Map<String, AlertUpdate> table, Map<String, AlertUpdate> topic) {}

  private static Outputs run(List<MeterReading> readings, String name) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    List<MeterReading> data = List.copyOf(readings);
    DataGeneratorSource<MeterReading> source = new DataGeneratorSource<>(
        index -> data.get(index.intValue()), data.size(), TypeInformation.of(MeterReading.class));
    CollectingSink<AlertUpdate> table = new CollectingSink<>(name, alert -> alert.id);
    CollectingSink<AlertUpdate> topic = new CollectingSink<>(name + "-topic", alert -> alert.id);
    new AlertJob(REFERENCE, JobSettings.defaults(), AlertRules.defaults(), source, new AlertSinks(table, topic))
        .build(env);
    env.execute(name);
    return new Outputs(alive(table.rows()), alive(topic.rows()));
  }

  private static Map<String, AlertUpdate> alive(Map<String, AlertUpdate> latest) {
    Map<String, AlertUpdate> alive = new TreeMap<>();
    latest.forEach((id, alert) -> {
      if (!alert.withdrawn) {
        alive.put(id, alert);
      }
    });
    return alive;
  }

  /**
   * The alerts {@link #twoDays()} must give, worked out by hand from its readings and the default
   * rules (limit 50 mg/L, 10 % hysteresis, two calm hours close an episode at the end of the
   * second): COD over the limit in hours 8 to 11 (peak 72.5), calm in 12 and 13, so closed at
   * 14:00; over it again from hour 22 (peak 88), where the 47 at hour 24 lies in the hysteresis
   * band and the 51 at hour 26 is over, calm in 27 and 28, so closed at 29:00. The D-flagged 95 is
   * not a measurement. The meter's last reading before its gap is at 30:00, so it is silent from
   * 31:00 (one hour later) until it reports again at 33:00; its counter falls at 40:00.
   */
  private static void assertHandComputedAlerts(Map<String, AlertUpdate> alerts) {
    assertThat(alerts.values()).filteredOn(alert -> alert.kind.equals(AlertUpdate.CONCENTRATION))
        .extracting(alert -> alert.openedAt, alert -> alert.closedAt, alert -> alert.peakValue)
        .containsExactly(
            tuple(T0.plus(hours(8)).toEpochMilli(), T0.plus(hours(14)).toEpochMilli(), 72.5),
            tuple(T0.plus(hours(22)).toEpochMilli(), T0.plus(hours(29)).toEpochMilli(), 88.0));
    assertThat(alerts.values()).filteredOn(alert -> alert.kind.equals(AlertUpdate.SILENCE))
        .extracting(alert -> alert.scopeId, alert -> alert.openedAt, alert -> alert.closedAt)
        .containsExactly(tuple("E1-ELEC", T0.plus(hours(31)).toEpochMilli(), T0.plus(hours(33)).toEpochMilli()));
    assertThat(alerts.values()).filteredOn(alert -> alert.kind.equals(AlertUpdate.DATA_QUALITY))
        .extracting(alert -> alert.factor, alert -> alert.openedAt)
        .containsExactly(tuple(QualityChecks.COUNTER_RESET, T0.plus(hours(40)).toEpochMilli()));
    // 4 kg of COD an hour and more, against 1 t a year with 16 % of the year gone: on pace to exceed it
    assertThat(alerts.values()).filteredOn(alert -> alert.kind.equals(AlertUpdate.PERMIT))
        .singleElement().satisfies(permit -> {
          assertThat(permit.severity).isEqualTo(AlertUpdate.WARNING);
          assertThat(permit.evidence[0]).contains("on pace for");
        });
    assertThat(alerts).hasSize(5);
  }

  @Test
  void hourlyValuesWithTwoExceedanceEpisodesGiveExactlyTwoConcentrationAlerts() throws Exception {
    Outputs outputs = run(twoDays(), "two-episodes");

    assertHandComputedAlerts(outputs.table());
    assertHandComputedAlerts(outputs.topic());
  }

  @Test
  void hoursTheAnalyserCouldNotComputeChangeNoAlert() throws Exception {
    List<MeterReading> readings = new ArrayList<>(twoDays());
    // HJ 212-2025's +9999.99, flagged by ingest: between two calm hours and inside the first episode
    for (int hour : new int[] {4, 9}) {
      readings.add(hourly(OUTLET, COD).at(T0.plus(hours(hour)).plus(minutes(0))).flag("U").value(9999.99));
    }

    assertHandComputedAlerts(run(readings, "not-computed").table());
  }

  @Test
  void theSameReadingsShuffledAndDuplicatedGiveTheHandComputedAlerts() throws Exception {
    List<MeterReading> readings = twoDays();
    Random random = new Random(11);
    List<MeterReading> disordered = new ArrayList<>(readings);
    for (int i = 0; i < readings.size() / 10; i++) {
      disordered.add(readings.get(random.nextInt(readings.size())));
    }
    // any order within each six hours: late and out of order, but well within the maximum age
    Collections.shuffle(disordered, random);
    disordered.sort(Comparator.comparingLong(reading -> reading.ts / hours(6).toMillis()));

    assertHandComputedAlerts(run(disordered, "disordered").table());
  }
}
