package io.parkloop.readside;

import io.parkloop.reference.Province;
import io.parkloop.storage.IndicatorRecord;
import java.time.Instant;
import java.util.List;

/** Indicator rows as the export sees them, with the awkward cases: a comma, Chinese, a tiny and a large value. */
final class ExportRows {
  /** 2026-03-01 00:00 in Shanghai. */
  static final Instant MARCH_1 = Instant.parse("2026-02-28T16:00:00Z");

  static final List<IndicatorRecord> ROWS = List.of(
      new IndicatorRecord("city", "南通", "day", MARCH_1, "electricity_kwh", 36665.03890000001, "kWh"),
      new IndicatorRecord("park", "SIP", "hour", MARCH_1.plusSeconds(3_600), "energy_tce", 0.000012290000000004, "tce"),
      new IndicatorRecord("province", Province.NAME, "month", MARCH_1, "fresh_water_m3", 1.23456789012345e9, "m3"),
      new IndicatorRecord("enterprise", "E1,old", "day", MARCH_1, "water_reuse_rate", 0, "%"));

  private ExportRows() {}
}
