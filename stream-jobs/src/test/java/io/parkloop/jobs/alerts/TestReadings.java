package io.parkloop.jobs.alerts;

import io.parkloop.jobs.records.MeterReading;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import java.time.Duration;
import java.time.Instant;

/**
 * Readings for alert tests with named times:
 * {@code hourly("E2-WW1", "w01018").at(T0.plus(hours(10))).value(62.5)}.
 */
final class TestReadings {
  /** 2026-03-01 00:00 in Asia/Shanghai. */
  static final Instant T0 = Instant.parse("2026-02-28T16:00:00Z");
  static final String OUTLET = "E2-WW1";
  static final String COD = "w01018";

  static final ReferenceData REFERENCE = ReferenceLoader.parse("alerts-test.yaml", """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
      enterprises:
        - {id: E1, park: SIP}
        - {id: E2, park: SIP}
      meters:
        - {id: E1-ELEC, enterprise: E1, medium: electricity, reading: cumulative, unit: kWh}
        - {id: E1-STM, enterprise: E1, medium: steam, reading: interval, unit: t, interval: 1h}
      outlets:
        - {id: E2-WW1, enterprise: E2, type: water, mn: "88888880000009", limits_mg_per_l: {w01018: 50, w21003: 5}}
      permits:
        - {enterprise: E2, factor: w01018, tonnes_per_year: 1.0}
      """);

  private TestReadings() {}

  static Duration hours(long hours) {
    return Duration.ofHours(hours);
  }

  static Duration minutes(long minutes) {
    return Duration.ofMinutes(minutes);
  }

  static Builder hourly(String outlet, String factor) {
    return new Builder(outlet, factor, "Avg", "hour");
  }

  static Builder minutely(String outlet, String factor) {
    return new Builder(outlet, factor, "Avg", "minute");
  }

  static Builder meter(String meter) {
    return new Builder(meter, null, null, null);
  }

  static final class Builder {
    private final String device;
    private final String factor;
    private final String kind;
    private final String period;
    private Instant at = T0;
    private String flag = "N";
    /** As ingest names it; an outlet's average is a concentration unless said otherwise. */
    private String quantity;

    private Builder(String device, String factor, String kind, String period) {
      this.device = device;
      this.factor = factor;
      this.kind = kind;
      this.period = period;
      this.quantity = kind == null ? null : "concentration";
    }

    Builder at(Instant time) {
      this.at = time;
      return this;
    }

    /** power or condition for HJ 212-2025's equipment values (ST 44/45). */
    Builder quantity(String quantity) {
      this.quantity = quantity;
      return this;
    }

    Builder flag(String flag) {
      this.flag = flag;
      return this;
    }

    MeterReading value(double value) {
      long ts = at.toEpochMilli();
      if (kind == null) {
        return new MeterReading(device, ts, value, ts);
      }
      MeterReading reading = MeterReading.outlet(device, ts, factor, kind, value, flag, period, ts);
      reading.quantity = quantity;
      return reading;
    }
  }
}
