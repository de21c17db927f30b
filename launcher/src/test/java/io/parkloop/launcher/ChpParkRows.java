package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.reference.Province;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import javax.sql.DataSource;

/**
 * The rows of {@link ChpParkDataSet}'s day that the must-show names, computed from its ground
 * truth with the GB/T 2589 factors written out (none of the job's code), and how to check them
 * in the database to 1e-9 relative.
 */
final class ChpParkRows {
  private static final ZoneId SHANGHAI = Province.ZONE;
  private static final double COAL_TCE_PER_T = 0.7143;
  private static final double ELEC_TCE_PER_KWH = 0.1229 / 1000;
  private static final double GAS_TCE_PER_M3 = 1.2143 / 1000;
  private static final double STEAM_TCE_PER_T = 0.1286;

  private ChpParkRows() {}

  /** The indicator rows the must-show names, with their values computed from the ground truth. */
  static Map<String, Double> expected(ChpParkDataSet data) {
    double purchased = data.total("CHP-ELEC", "A-ELEC", "B-ELEC", "C-ELEC") * ELEC_TCE_PER_KWH
        + data.total("B-GAS") * GAS_TCE_PER_M3;
    double sip = data.total("CHP-COAL") * COAL_TCE_PER_T + purchased;
    double chpGross = data.total("CHP-COAL") * COAL_TCE_PER_T + data.total("CHP-ELEC") * ELEC_TCE_PER_KWH;
    double chpSupplied = data.total("A-STM", "B-STM", "C-STM", "X-STM") * STEAM_TCE_PER_T;
    Map<String, Double> rows = new LinkedHashMap<>();
    rows.put("park|SIP|energy_tce", sip);
    rows.put("park|SIP|energy_tce_supplied", data.total("X-STM") * STEAM_TCE_PER_T);
    rows.put("park|SIP|energy_tce_exchanged", data.total("A-STM", "B-STM", "C-STM") * STEAM_TCE_PER_T);
    rows.put("park|YC|energy_tce", data.total("X-ELEC") * ELEC_TCE_PER_KWH + data.total("X-STM") * STEAM_TCE_PER_T);
    rows.put("province|" + Province.NAME + "|energy_tce", sip + data.total("X-ELEC") * ELEC_TCE_PER_KWH);
    rows.put("enterprise|CHP|energy_tce", chpGross);
    rows.put("enterprise|CHP|energy_tce_supplied", chpSupplied);
    rows.put("enterprise|CHP|energy_tce_net", chpGross - chpSupplied);
    rows.put("enterprise|A|energy_tce",
        data.total("A-ELEC") * ELEC_TCE_PER_KWH + data.total("A-STM") * STEAM_TCE_PER_T);
    return rows;
  }

  /**
   * The park-month waste rows of {@link ChpParkDataSet#wasteLines()}: generated 500 + 40 t;
   * utilised 300 (to C) + 100 (to X) + 30 (in-house) t; exchanged inside SIP 300 t, inside the
   * province 400 t; the ticket sent twice counted once.
   */
  static Map<String, Double> expectedWaste() {
    Map<String, Double> rows = new LinkedHashMap<>();
    rows.put("park|SIP|solid_waste_generated_t", 540.0);
    rows.put("park|SIP|solid_waste_utilized_t", 430.0);
    rows.put("park|SIP|solid_waste_utilization_rate", 430.0 / 540 * 100);
    rows.put("park|SIP|waste_exchanged_t", 300.0);
    rows.put("province|" + Province.NAME + "|waste_exchanged_t", 400.0);
    rows.put("park|SIP|hazardous_waste_generated_t", 10.0);
    rows.put("park|SIP|hazardous_waste_disposed_t", 2.0);
    rows.put("enterprise|CHP|solid_waste_utilized_t", 400.0);
    return rows;
  }

  static void assertMonthRows(DataSource database, LocalDate day, Map<String, Double> expected) throws Exception {
    for (Map.Entry<String, Double> row : expected.entrySet()) {
      String[] key = row.getKey().split("\\|");
      OptionalDouble actual = value(database, key[0], key[1], "month", day, key[2]);
      assertThat(actual).as(row.getKey()).isPresent();
      assertRelative(actual.getAsDouble(), row.getValue(), row.getKey());
    }
  }

  static void assertDayRows(DataSource database, ChpParkDataSet data) throws Exception {
    for (Map.Entry<String, Double> row : expected(data).entrySet()) {
      String[] key = row.getKey().split("\\|");
      OptionalDouble actual = value(database, key[0], key[1], "day", data.day, key[2]);
      assertThat(actual).as(row.getKey()).isPresent();
      assertRelative(actual.getAsDouble(), row.getValue(), row.getKey());
    }
  }

  /** Waits (up to three minutes, the chain is shared with other builds) until every row holds its value. */
  static void awaitDayRows(DataSource database, ChpParkDataSet data) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (Map.Entry<String, Double> row : expected(data).entrySet()) {
        String[] key = row.getKey().split("\\|");
        OptionalDouble actual = value(database, key[0], key[1], "day", data.day, key[2]);
        all &= actual.isPresent() && Math.abs(actual.getAsDouble() - row.getValue()) <= 1e-9 * Math.abs(row.getValue());
      }
      if (all) {
        return;
      }
      Thread.sleep(500);
    }
  }

  /** Waits (up to three minutes) until every month row holds its value. */
  static void awaitMonthRows(DataSource database, LocalDate day, Map<String, Double> expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (Map.Entry<String, Double> row : expected.entrySet()) {
        String[] key = row.getKey().split("\\|");
        OptionalDouble actual = value(database, key[0], key[1], "month", day, key[2]);
        all &= actual.isPresent() && Math.abs(actual.getAsDouble() - row.getValue()) <= 1e-9 * Math.abs(row.getValue());
      }
      if (all) {
        return;
      }
      Thread.sleep(500);
    }
  }

  static void assertRelative(double actual, double expected, String what) {
    assertThat(Math.abs(actual - expected)).as("%s: %s vs expected %s", what, actual, expected)
        .isLessThanOrEqualTo(1e-9 * Math.abs(expected));
  }

  static OptionalDouble value(DataSource database, String scopeType, String scopeId, String periodType,
      LocalDate day, String indicator) throws Exception {
    LocalDate start = periodType.equals("month") ? day.withDayOfMonth(1) : day;
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement("""
            select value from indicator_value where scope_type = ? and scope_id = ? and period_type = ?
            and period_start = ? and indicator = ?""")) {
      statement.setString(1, scopeType);
      statement.setString(2, scopeId);
      statement.setString(3, periodType);
      statement.setTimestamp(4, Timestamp.from(start.atStartOfDay(SHANGHAI).toInstant()));
      statement.setString(5, indicator);
      try (ResultSet result = statement.executeQuery()) {
        return result.next() ? OptionalDouble.of(result.getDouble(1)) : OptionalDouble.empty();
      }
    }
  }
}
