package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import io.parkloop.launcher.replay.Replay;
import io.parkloop.launcher.replay.ReplayFiles;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standard-coal factor and a land area that reference.yaml changes from a {@code valid_from}
 * day: the hours before the day keep the old factor, those from it take the new one, the year's
 * land output rate divides by the area on the year's last day, and the reference tables date the
 * versions by the file's days, not by the day of the sync. Expected values are worked out by hand
 * from the GB/T 2589 factor and the file's numbers.
 */
@ExtendWith(SharedServices.class)
class DatedReferenceChangesIT {
  private static final ReferenceData REFERENCE = ReferenceLoader.parse("dated-changes-it.yaml", """
      parks:
        - id: SIP
          name: 苏州工业园区
          city: 苏州
          level: national
          land_area_km2: 278.0
          changes:
            - {valid_from: 2026-07-01, land_area_km2: 290.0}
      enterprises:
        - {id: E1, park: SIP}
      meters:
        - id: E1-GAS
          enterprise: E1
          medium: natural_gas
          reading: cumulative
          unit: m3
          changes:
            - {valid_from: 2026-03-15, standard_coal_factor: 1.33}
      """);

  @Test
  void eachHourAndPeriodTakesTheValueInForceOnItsDay(TestClassServices services, @TempDir Path dir) throws Exception {
    // 100 m³ an hour from 22:00 on the 14th to 02:00 on the 15th (Asia/Shanghai)
    List<String> readings = new ArrayList<>();
    String[] times = {"2026-03-14T22:00", "2026-03-14T23:00", "2026-03-15T00:00", "2026-03-15T01:00", "2026-03-15T02:00"};
    for (int i = 0; i < times.length; i++) {
      readings.add(String.format(Locale.ROOT, "{\"meter\": \"E1-GAS\", \"ts\": \"%s:00+08:00\", \"value\": %s}",
          times[i], 5_000 + 100.0 * i));
    }
    Path readingsFile = Files.write(dir.resolve("readings.jsonl"), readings, StandardCharsets.UTF_8);
    Path statistics = Files.writeString(dir.resolve("statistics.csv"),
        "enterprise,month,value_added_10k_cny,output_value_10k_cny,material_t\nE1,2026-03,2708,9000,\n");

    new Replay(REFERENCE, services.jdbcUrl()).run(new ReplayFiles(readingsFile, null, statistics));

    DataSource database = services.dataSource();
    // 100 m³ × 1.2143 kgce/m³ (GB/T 2589) before the 15th, × 1.33 from it
    assertThat(value(database, "enterprise", "hour", "2026-03-14 23:00", "energy_tce")).isCloseTo(0.12143, within(1e-9));
    assertThat(value(database, "enterprise", "hour", "2026-03-15 00:00", "energy_tce")).isCloseTo(0.133, within(1e-9));
    assertThat(value(database, "enterprise", "day", "2026-03-14 00:00", "energy_tce")).isCloseTo(0.24286, within(1e-9));
    assertThat(value(database, "enterprise", "day", "2026-03-15 00:00", "energy_tce")).isCloseTo(0.266, within(1e-9));
    // 2,708 10k CNY over the park's 290 km² of 2026-12-31, in 100M CNY/km²
    assertThat(value(database, "park", "year", "2026-01-01 00:00", "land_output_rate"))
        .isCloseTo(2_708 / 1e4 / 290, within(1e-12));

    assertThat(single(database, "select land_area_km2 from park_on('2026-06-30') where park_id = 'SIP'")).isEqualTo(278.0);
    assertThat(single(database, "select land_area_km2 from park_on('2026-07-01') where park_id = 'SIP'")).isEqualTo(290.0);
    assertThat(single(database, "select tce_per_unit from meter_on('2026-03-14') where meter_id = 'E1-GAS'"))
        .isCloseTo(0.0012143, within(1e-12));
    assertThat(single(database, "select tce_per_unit from meter_on('2026-03-15') where meter_id = 'E1-GAS'"))
        .isCloseTo(0.00133, within(1e-12));
    assertThat(single(database, "select count(*) from park_version where park_id = 'SIP'")).isEqualTo(2.0);
  }

  /** A value of E1 or SIP for the period starting at the Shanghai time {@code start}. */
  private static double value(DataSource database, String scopeType, String periodType, String start, String indicator)
      throws Exception {
    return single(database, String.format(Locale.ROOT, """
        select value from indicator_value where scope_type = '%s' and scope_id in ('E1', 'SIP') and period_type = '%s'
        and period_start = '%s+08' and indicator = '%s'""", scopeType, periodType, start, indicator));
  }

  private static double single(DataSource database, String sql) throws Exception {
    try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet result = statement.executeQuery()) {
      assertThat(result.next()).as("a row from %s", sql).isTrue();
      return result.getDouble(1);
    }
  }
}
