package io.parkloop.jobs.alerts;

import static io.parkloop.jobs.alerts.TestReadings.T0;
import static io.parkloop.jobs.alerts.TestReadings.hourly;
import static io.parkloop.jobs.alerts.TestReadings.hours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.parkloop.jobs.records.MeterReading;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The treatment facility's power (ST 44 code e30101) falls to idle while the outlet discharges or
 * the production line (e30201) runs: one alert per episode, from the first stopped hour to the
 * first hour it runs again.
 */
class TreatmentStoppedAlertsTest {
  private static final long MAX_AGE = Duration.ofDays(7).toMillis();
  private static final ReferenceData REFERENCE = ReferenceLoader.parse("treatment.yaml", """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
      enterprises:
        - {id: E2, park: SIP}
      outlets:
        - id: E2-WW1
          enterprise: E2
          type: water
          mn: "88888880000009"
          treatment_equipment: [e30101]
          production_equipment: [e30201]
          idle_kw: 2
      """);

  /** An hour of the outlet's data: treatment and production power (kW), discharged volume (m³). */
  private static List<MeterReading> hour(int h, double treatmentKw, double productionKw, double volumeM3) {
    var at = T0.plus(hours(h));
    return List.of(hourly("E2-WW1", "e30101").quantity("power").at(at).value(treatmentKw),
        hourly("E2-WW1", "e30201").quantity("power").at(at).value(productionKw),
        MeterReading.outlet("E2-WW1", at.toEpochMilli(), "w00000", "Cou", volumeM3, "N", "hour", at.toEpochMilli()));
  }

  /**
   * 0-3 normal; 4-6 the treatment plant idles (0.3, 0.5, 1.8 kW) while 12 m³ an hour leave the outlet;
   * 7-9 normal; 10 idle but nothing discharged and the line stopped too (a shutdown, no alert);
   * 11-12 idle with the line running at 90 kW and nothing discharged yet; 13 normal.
   */
  private static List<MeterReading> aDay() {
    List<MeterReading> readings = new ArrayList<>();
    double[] treatment = {30, 31, 29, 30, 0.3, 0.5, 1.8, 30, 32, 31, 0.2, 0.4, 0.1, 30};
    double[] production = {90, 90, 88, 91, 90, 92, 90, 90, 91, 89, 0.5, 90, 91, 90};
    double[] volume = {12, 12, 11, 12, 12, 13, 12, 12, 11, 12, 0, 0, 0, 12};
    for (int h = 0; h < treatment.length; h++) {
      readings.addAll(hour(h, treatment[h], production[h], volume[h]));
    }
    return readings;
  }

  private static AlertHarness<MeterReading> run(List<MeterReading> readings) throws Exception {
    AlertHarness<MeterReading> alerts = new AlertHarness<>(new TreatmentStoppedAlerts(REFERENCE, MAX_AGE),
        (MeterReading reading) -> reading.meter);
    // only what the alert job lets through to the rule (AlertJob's filter)
    for (MeterReading reading : readings.stream().filter(TreatmentStoppedAlerts::counts).toList()) {
      alerts.push(reading, reading.ts);
    }
    return alerts;
  }

  @Test
  void theTreatmentPlantIdlingWhileTheOutletDischargesOrTheLineRunsIsOneAlertPerEpisode() throws Exception {
    try (AlertHarness<MeterReading> alerts = run(aDay())) {
      assertThat(alerts.table().values())
          .extracting(alert -> alert.kind, alert -> alert.openedAt, alert -> alert.closedAt, alert -> alert.peakValue,
              alert -> alert.limitValue)
          .containsExactly(
              tuple("treatment_stopped", T0.plus(hours(4)).toEpochMilli(), T0.plus(hours(7)).toEpochMilli(), 0.3, 2.0),
              tuple("treatment_stopped", T0.plus(hours(11)).toEpochMilli(), T0.plus(hours(13)).toEpochMilli(), 0.1, 2.0));
      assertThat(alerts.table().values().iterator().next().evidence).containsExactly(
          "2026-03-01 04:00:00 treatment 0.3 kW, production 90 kW, discharged 12 m³",
          "2026-03-01 05:00:00 treatment 0.5 kW, production 92 kW, discharged 13 m³",
          "2026-03-01 06:00:00 treatment 1.8 kW, production 90 kW, discharged 12 m³",
          "idle at or below 2 kW");
    }
  }

  @Test
  void anOperatingConditionOfATreatmentCodeIsNoPower() throws Exception {
    List<MeterReading> readings = new ArrayList<>(aDay());
    // ST 45 of the same code: the plant reports a condition code 5 every hour, idle or not
    for (int h = 0; h < 14; h++) {
      readings.add(hourly("E2-WW1", "e30101").quantity("condition").at(T0.plus(hours(h))).value(5));
    }
    try (AlertHarness<MeterReading> alerts = run(readings)) {
      assertThat(alerts.table().values()).extracting(alert -> alert.openedAt, alert -> alert.peakValue)
          .containsExactly(tuple(T0.plus(hours(4)).toEpochMilli(), 0.3), tuple(T0.plus(hours(11)).toEpochMilli(), 0.1));
    }
  }

  @Test
  void theSameHoursInAnyOrderGiveTheSameAlertsAndTheStateGoesOnceSettled() throws Exception {
    List<MeterReading> shuffled = new ArrayList<>(aDay());
    Collections.shuffle(shuffled, new Random(16));
    try (AlertHarness<MeterReading> inOrder = run(aDay()); AlertHarness<MeterReading> alerts = run(shuffled)) {
      assertThat(alerts.table()).isEqualTo(inOrder.table());

      alerts.watermark(T0.plus(hours(14)).plus(Duration.ofMillis(MAX_AGE)));
      assertThat(alerts.harness.numKeyedStateEntries()).isZero();
      assertThat(alerts.harness.numEventTimeTimers()).isZero();
    }
  }
}
