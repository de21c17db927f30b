package io.parkloop.launcher.bench;

import io.parkloop.reference.Indicator;
import io.parkloop.reference.ScopeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Nothing lost, nothing doubled: the day rows of the fleet's enterprises and of its parks, summed
 * over every day the run touched, must equal what the generator sent (see {@link BenchFleet}
 * for why each total is exact). Every value sent is a whole number of thousandths and no
 * consumption spans an hour boundary (the generator stamps a gateway's first reading in an hour
 * with the hour's start), so the job's sums in whole millionths are exact; the tolerance only
 * absorbs the database's floating-point sum over many rows, and is far below the thousandth
 * that one lost or doubled reading would change.
 */
public final class TotalsCheck {
  /** A tenth of the smallest value sent. */
  private static final double TOLERANCE = 1e-4;
  private final DataSource database;
  private final String prefix;

  public TotalsCheck(DataSource database, String prefix) {
    this.database = database;
    this.prefix = prefix;
  }

  /** One total: a scope type's sum of one indicator against what was sent. */
  public record Total(String scopeType, String indicator, double expected, double actual, double difference,
      double tolerance, boolean ok) {
    static Total of(String scopeType, String indicator, double expected, double actual, double tolerance) {
      double difference = actual - expected;
      return new Total(scopeType, indicator, expected, actual, difference, tolerance, Math.abs(difference) <= tolerance);
    }
  }

  /** The result: whether every total matches, and each of them. */
  public record Result(boolean ok, List<Total> totals) {}

  public Result check(GeneratorSummary sent) throws SQLException {
    Map<String, Double> expected = new HashMap<>();
    expected.put(Indicator.ELECTRICITY_KWH.code(), (double) sent.electricityKwh());
    expected.put(Indicator.STEAM_T.code(), sent.steamT());
    if (sent.hj212Readings() > 0) {
      expected.put(Indicator.COD_KG.code(), (double) sent.codKg());
    }
    Map<String, Double> actual = new HashMap<>();
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement("""
            select scope_type, indicator, sum(value) from indicator_value
            where period_type = 'day' and indicator in ('electricity_kwh', 'steam_t', 'cod_kg')
              and (scope_type = 'enterprise' and scope_id like ? or scope_type = 'park' and scope_id like ?)
            group by scope_type, indicator""")) {
      statement.setString(1, prefix + "-E%");
      statement.setString(2, prefix + "-P%");
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          actual.put(rows.getString(1) + '|' + rows.getString(2), rows.getDouble(3));
        }
      }
    }
    List<Total> totals = new ArrayList<>();
    for (String scope : List.of(ScopeType.ENTERPRISE.code(), ScopeType.PARK.code())) {
      expected.forEach((indicator, value) -> totals.add(Total.of(scope, indicator, value,
          actual.getOrDefault(scope + '|' + indicator, 0.0), TOLERANCE)));
    }
    totals.sort(java.util.Comparator.comparing(Total::scopeType).thenComparing(Total::indicator));
    return new Result(totals.stream().allMatch(Total::ok), totals);
  }
}
