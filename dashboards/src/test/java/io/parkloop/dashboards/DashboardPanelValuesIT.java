package io.parkloop.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkloop.embedded.DatabaseEngine;
import io.parkloop.embedded.DatabaseEngines;
import io.parkloop.embedded.TestDatabase;
import io.parkloop.reference.Province;
import io.parkloop.readside.Migrations;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every panel of every dashboard shows, value by value, on each engine (plain PostgreSQL,
 * TimescaleDB's Apache edition, TimescaleDB with TSL): a small data set put in by hand, two parks
 * around today and yesterday in Asia/Shanghai, and each panel's expected rows worked out from it
 * by hand (the arithmetic is in the comments). A panel without an expectation here fails, so a new
 * panel comes with its numbers.
 *
 * <p>Cells are compared as text: numbers to four decimals, instants in ISO form. The time range
 * and the queries' now() are fixed ({@link #NOW}), so durations up to now are exact too.
 */
@ExtendWith(DatabaseEngines.class)
class DashboardPanelValuesIT {
  private static final ZoneId SHANGHAI = Province.ZONE;
  private static final Path ROOT = Path.of(System.getProperty("parkloop.root", ".."));
  /**
   * The clock of every panel query: a Monday late morning in Asia/Shanghai (11:17), so that
   * "today", "yesterday", "this month" and every duration up to now are the same on any day the
   * test runs. The queries' now() is this instant ({@link FixedClock}).
   */
  private static final Instant NOW = Instant.parse("2026-03-02T03:17:00Z");

  @ParameterizedTest
  @EnumSource(DatabaseEngine.class)
  void everyPanelShowsTheValuesWorkedOutByHand(DatabaseEngine engine, DatabaseEngines.ForClass databases) throws Exception {
    TestDatabase testDatabase = databases.get(engine);
    DataSource database = testDatabase.dataSource();
    Migrations.migrate(database);
    System.out.println("dashboard panels on " + testDatabase.describe());
    Seed seed = Seed.at(NOW);
    seed.insert(database);
    FixedClock.install(database, NOW);
    Map<String, List<String>> expected = seed.expectedRows();

    List<String> checked = new ArrayList<>();
    try (Stream<Path> files = Files.list(ROOT.resolve("dashboards/grafana"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
        Map<String, List<String>> variables = DashboardQueriesIT.variables(dashboard, database, seed.now);
        for (JsonNode panel : DashboardQueriesIT.panels(dashboard)) {
          for (JsonNode target : panel.path("targets")) {
            String name = dashboard.path("uid").asText() + " / " + panel.path("title").asText() + " / "
                + target.path("refId").asText();
            assertThat(expected).as("the expected rows of panel %s", name).containsKey(name);
            String sql = GrafanaQuery.expand(target.path("rawSql").asText(), seed.now.minus(Duration.ofDays(7)),
                seed.now.plusSeconds(60), variables);
            assertRows(name, rows(database, sql), expected.get(name));
            checked.add(name);
          }
        }
      }
    }
    assertThat(checked).as("every expectation belongs to a panel").containsExactlyInAnyOrderElementsOf(expected.keySet());
  }

  private static void assertRows(String panel, List<List<String>> actual, List<String> expected) {
    assertThat(actual).as("rows of %s", panel).hasSize(expected.size());
    for (int r = 0; r < expected.size(); r++) {
      String[] cells = expected.get(r).split("\\|", -1);
      List<String> row = actual.get(r);
      assertThat(row).as("columns of row %d of %s: %s", r + 1, panel, row).hasSize(cells.length);
      for (int c = 0; c < cells.length; c++) {
        String description = "row " + (r + 1) + ", column " + (c + 1) + " of " + panel + ": " + row;
        assertThat(row.get(c)).as(description).isEqualTo(cells[c]);
      }
    }
  }

  private static List<List<String>> rows(DataSource database, String sql) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
      FixedClock.use(statement);
      collect(statement, sql, rows);
    }
    return rows;
  }

  private static void collect(Statement statement, String sql, List<List<String>> rows) throws Exception {
    try (ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(text(result.getObject(i)));
        }
        rows.add(row);
      }
    }
  }

  private static String text(Object value) {
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant().toString();
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      BigDecimal number = new BigDecimal(value.toString()).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
      return number.signum() == 0 ? "0" : number.toPlainString();
    }
    return String.valueOf(value);
  }

  /**
   * The data set, around {@code now} (a whole minute): today {@code t} and yesterday {@code y}
   * start at midnight in Asia/Shanghai; rows were last written 10 minutes ago ({@code u}) or, two
   * of them, 2 minutes ago ({@code w}).
   */
  private record Seed(Instant now, Instant t, Instant y, Instant u, Instant w) {
    static Seed at(Instant now) {
      Instant today = LocalDate.ofInstant(now, SHANGHAI).atStartOfDay(SHANGHAI).toInstant();
      return new Seed(now, today, today.minus(Duration.ofDays(1)), now.minus(Duration.ofMinutes(10)),
          now.minus(Duration.ofMinutes(2)));
    }

    Instant ago(Duration duration) {
      return now.minus(duration);
    }

    void insert(DataSource database) throws Exception {
      try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
        statement.execute("""
            insert into park values ('P1', 'Alpha', 'CityA', 'south', 'national', 10),
                                    ('P2', 'Beta', 'CityB', 'north', 'provincial', 20);
            insert into enterprise values ('P1-E1', 'P1', 'Alpha One', 'chemicals'), ('P1-E2', 'P1', 'Alpha Two', 'steel'),
                                          ('P1-E3', 'P1', 'Alpha Three', 'paper'), ('P2-E1', 'P2', 'Beta One', 'textiles');
            insert into meter values ('P1-E1-M1', 'P1-E1', 'electricity', 'cumulative', 'kWh'),
                                     ('P2-E1-M1', 'P2-E1', 'fresh_water', 'cumulative', 'm3');
            """);
        try (PreparedStatement indicator = connection.prepareStatement(
            "insert into indicator_value values (?, ?, ?, ?, ?, ?, ?, ?)")) {
          for (Object[] row : indicatorRows()) {
            for (int i = 0; i < row.length; i++) {
              indicator.setObject(i + 1, row[i] instanceof Instant instant ? Timestamp.from(instant) : row[i]);
            }
            indicator.addBatch();
          }
          indicator.executeBatch();
        }
        try (PreparedStatement alert = connection.prepareStatement("""
            insert into alerts (id, kind, scope_type, scope_id, factor, severity, opened_at, closed_at, peak_value,
                                limit_value, evidence) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[])""")) {
          for (Object[] row : alertRows()) {
            for (int i = 0; i < row.length; i++) {
              alert.setObject(i + 1, row[i] instanceof Instant instant ? Timestamp.from(instant) : row[i]);
            }
            alert.addBatch();
          }
          alert.executeBatch();
        }
        try (PreparedStatement late = connection.prepareStatement("insert into late_reading values (?, ?, ?, ?, ?)");
            PreparedStatement quality = connection.prepareStatement("insert into data_quality_event values (?, ?, ?, ?)")) {
          addLate(late, "P1-E1-M1", ago(Duration.ofHours(5)), 7, ago(Duration.ofHours(1)), Duration.ofHours(1));
          addLate(late, "P2-E1-M1", ago(Duration.ofHours(26)), 3, ago(Duration.ofHours(3)), Duration.ofHours(2));
          late.executeBatch();
          addQuality(quality, "P1-E1-M1", ago(Duration.ofHours(4)), "counter_reset", "from 900 to 3");
          addQuality(quality, "P2-E1-M1", ago(Duration.ofHours(30)), "gap", "6 h without readings");
          quality.executeBatch();
        }
        try (PreparedStatement flow = connection.prepareStatement("""
            insert into material_flow (park_id, period_type, period_start, source, target, direction, flow, value, unit)
            values (?, 'month', ?, ?, ?, ?, ?, ?, ?)""")) {
          Instant month = LocalDate.ofInstant(now, SHANGHAI).withDayOfMonth(1).atStartOfDay(SHANGHAI).toInstant();
          Instant lastMonth = LocalDate.ofInstant(now, SHANGHAI).withDayOfMonth(1).minusMonths(1)
              .atStartOfDay(SHANGHAI).toInstant();
          addFlow(flow, "P1", month, "P1-E1", "P1-E2", "internal", "energy_tce", 12.3456, "tce");
          addFlow(flow, "P1", month, "P1-E1", "P1-E2", "internal", "steam_t", 30, "t"); // not a panel flow
          addFlow(flow, "P1", month, "P1-E2", "P2-E1", "out", "recycled_water_m3", 7.5, "m³");
          addFlow(flow, "P1", month, "P1-E2", "Q-HANDLER", "out", "solid_waste_t", 5, "t");
          addFlow(flow, "P1", lastMonth, "P1-E1", "P1-E3", "internal", "energy_tce", 99, "tce"); // last month
          addFlow(flow, "P2", month, "P2-E1", "P1-E3", "out", "energy_tce", 3, "tce"); // the other park
          flow.executeBatch();
        }
      }
    }

    private static void addFlow(PreparedStatement flow, String park, Instant month, String source, String target,
        String direction, String name, double value, String unit) throws Exception {
      flow.setString(1, park);
      flow.setTimestamp(2, Timestamp.from(month));
      flow.setString(3, source);
      flow.setString(4, target);
      flow.setString(5, direction);
      flow.setString(6, name);
      flow.setDouble(7, value);
      flow.setString(8, unit);
      flow.addBatch();
    }

    private static void addLate(PreparedStatement late, String meter, Instant ts, double value, Instant received,
        Duration behind) throws Exception {
      late.setString(1, meter);
      late.setTimestamp(2, Timestamp.from(ts));
      late.setDouble(3, value);
      late.setTimestamp(4, Timestamp.from(received));
      late.setTimestamp(5, Timestamp.from(ts.plus(behind)));
      late.addBatch();
    }

    private static void addQuality(PreparedStatement quality, String meter, Instant ts, String kind, String detail)
        throws Exception {
      quality.setString(1, meter);
      quality.setTimestamp(2, Timestamp.from(ts));
      quality.setString(3, kind);
      quality.setString(4, detail);
      quality.addBatch();
    }

    /** 28 rows: 26 of days, 2 of hours; two written at w (park P1's energy today and its hour of today). */
    private List<Object[]> indicatorRows() {
      return List.of(
          iv("park", "P1", "day", t, "energy_tce", 12.5, "tce", w),
          iv("park", "P1", "day", t, "electricity_kwh", 50_000, "kWh", u),
          iv("park", "P1", "day", t, "natural_gas_m3", 800, "m3", u),
          iv("park", "P1", "day", t, "steam_t", 30, "t", u),
          iv("park", "P1", "day", t, "fresh_water_m3", 300, "m3", u),
          iv("park", "P1", "day", t, "recycled_water_m3", 100, "m3", u),
          iv("park", "P1", "day", y, "fresh_water_m3", 200, "m3", u),
          iv("park", "P1", "day", y, "recycled_water_m3", 200, "m3", u),
          iv("park", "P1", "hour", y, "energy_tce", 1.0, "tce", u),
          iv("park", "P1", "hour", t, "energy_tce", 0.5, "tce", w),
          iv("enterprise", "P1-E1", "day", t, "energy_tce", 10, "tce", u),
          iv("enterprise", "P1-E1", "day", t, "electricity_kwh", 40_000, "kWh", u),
          iv("enterprise", "P1-E1", "day", t, "fresh_water_m3", 200, "m3", u),
          iv("enterprise", "P1-E1", "day", t, "recycled_water_m3", 100, "m3", u),
          iv("enterprise", "P1-E2", "day", t, "energy_tce", 2.5, "tce", u),
          iv("enterprise", "P1-E2", "day", t, "steam_t", 30, "t", u),
          iv("province", Province.NAME, "day", y, "energy_tce", 20, "tce", u),
          iv("province", Province.NAME, "day", y, "cod_kg", 5, "kg", u),
          iv("province", Province.NAME, "day", y, "nh3n_kg", 0.5, "kg", u),
          iv("province", Province.NAME, "day", t, "energy_tce", 12.5, "tce", u),
          iv("province", Province.NAME, "day", t, "fresh_water_m3", 500, "m3", u),
          iv("province", Province.NAME, "day", t, "recycled_water_m3", 300, "m3", u),
          iv("region", "south", "day", t, "energy_tce", 12.5, "tce", u),
          iv("region", "south", "day", t, "fresh_water_m3", 300, "m3", u),
          iv("region", "south", "day", t, "recycled_water_m3", 100, "m3", u),
          iv("region", "north", "day", t, "energy_tce", 7.5, "tce", u),
          iv("level", "national", "day", t, "energy_tce", 12.5, "tce", u),
          iv("city", "CityA", "day", t, "energy_tce", 12.5, "tce", u));
    }

    private static Object[] iv(String scopeType, String scopeId, String periodType, Instant start, String indicator,
        double value, String unit, Instant updated) {
      return new Object[] {scopeType, scopeId, periodType, start, indicator, value, unit, updated};
    }

    /** Two open alerts (a critical and a warning), one closed in the range, one long before it. */
    private List<Object[]> alertRows() {
      return List.of(
          new Object[] {"a1", "concentration", "outlet", "P1-E1-WW1", "w01018", "critical", ago(Duration.ofHours(2)), null,
              95.0, 50.0, "{over}"},
          new Object[] {"a2", "silence", "meter", "P1-E1-M1", null, "warning", ago(Duration.ofMinutes(30)), null,
              3.0, 2.0, "{}"},
          new Object[] {"a3", "concentration", "outlet", "P1-E1-WW1", "w21003", "warning", ago(Duration.ofDays(3)),
              ago(Duration.ofDays(2)), 8.0, 5.0, "{}"},
          new Object[] {"a4", "permit", "enterprise", "P1-E1", "w01018", "critical", ago(Duration.ofDays(20)),
              ago(Duration.ofDays(19)), 13.0, 12.0, "{}"});
    }

    /** Panel name to its rows, cells joined by {@code |}. */
    Map<String, List<String>> expectedRows() {
      Map<String, List<String>> e = new LinkedHashMap<>();
      String a1 = ago(Duration.ofHours(2)).toString();
      String a2 = ago(Duration.ofMinutes(30)).toString();
      // discharge: every kind; the scope is the first option, the province
      e.put("parkloop-discharge / Open critical alerts / A", List.of("1")); // a1
      e.put("parkloop-discharge / Open warnings / A", List.of("1")); // a2
      e.put("parkloop-discharge / Opened in the range / A", List.of("3")); // a1, a2, a3; a4 opened 20 days ago
      e.put("parkloop-discharge / Closed in the range / A", List.of("1")); // a3
      e.put("parkloop-discharge / Open alerts / A", List.of( // critical first; peak / limit 95/50 = 190 %, 3/2 = 150 %
          "critical|concentration|outlet|P1-E1-WW1|w01018|" + a1 + "|7200|95|50|190|{over}|a1",
          "warning|silence|meter|P1-E1-M1|null|" + a2 + "|1800|3|2|150|{}|a2"));
      e.put("parkloop-discharge / Alerts opened per day, by kind / A", alertsPerShanghaiDay());
      e.put("parkloop-discharge / Discharged load per day · ${scope:text} / A", List.of(
          y + "|cod_kg|5", y + "|nh3n_kg|0.5"));
      e.put("parkloop-discharge / Alerts in the range / A", List.of( // newest first; a3 lasted a day, 8/5 = 160 %
          "warning|silence|meter|P1-E1-M1|null|" + a2 + "|null|1800|3|2|150|{}|a2",
          "critical|concentration|outlet|P1-E1-WW1|w01018|" + a1 + "|null|7200|95|50|190|{over}|a1",
          "warning|concentration|outlet|P1-E1-WW1|w21003|" + ago(Duration.ofDays(3)) + "|" + ago(Duration.ofDays(2))
              + "|86400|8|5|160|{}|a3"));
      // park live: the first park by name, Alpha (P1)
      e.put("parkloop-park-live / Energy today / A", List.of("12.5"));
      // hours from yesterday's midnight to this time yesterday: yesterday's 00:00 (1.0), not today's (0.5)
      e.put("parkloop-park-live / Yesterday, to the same hour / A", List.of("1"));
      e.put("parkloop-park-live / Water reuse rate today / A", List.of("25")); // 100 × 100 / (300 + 100)
      e.put("parkloop-park-live / Enterprises without data today / A", List.of("1")); // Alpha Three
      e.put("parkloop-park-live / Since the last update / A", List.of("120")); // today's hour, written at w
      e.put("parkloop-park-live / Energy per hour, last 24 h / A", List.of(y + "|1", t + "|0.5"));
      e.put("parkloop-park-live / Energy by medium today / A", List.of(
          "Electricity (kWh)|50000", "Natural gas (m³)|800", "Steam (t)|30"));
      e.put("parkloop-park-live / Fresh and recycled water per day, and reuse rate / A", List.of(
          y + "|200|200|50", t + "|300|100|25"));
      // (200 + 300) fresh, (200 + 100) recycled: 100 × 300 / 800
      e.put("parkloop-park-live / Water reuse rate, selected range / A", List.of("37.5|500|300"));
      e.put("parkloop-park-live / Enterprises today / A", List.of( // shares of 12.5 tce: 10 is 80 %, 2.5 is 20 %
          "Alpha One|P1-E1|chemicals|10|80|40000|null|null|200|100|33.3333|" + u, // 100 × 100 / 300
          "Alpha Two|P1-E2|steel|2.5|20|null|null|30|null|null|null|" + u,
          "Alpha Three|P1-E3|paper|null|null|null|null|null|null|null|null|null"));
      // this month's flows of Alpha: nodes by id, then edges by source, target and flow
      e.put("parkloop-park-live / Material flows this month / A", List.of(
          "P1-E1|Alpha One|enterprise of the park", "P1-E2|Alpha Two|enterprise of the park",
          "P2-E1|Beta One|enterprise of P2", "Q-HANDLER|Q-HANDLER|outside handler"));
      e.put("parkloop-park-live / Material flows this month / B", List.of(
          "P1-E1>P1-E2:energy_tce|P1-E1|P1-E2|12.346 tce|energy, internal",
          "P1-E2>P2-E1:recycled_water_m3|P1-E2|P2-E1|7.500 m³|recycled water, out",
          "P1-E2>Q-HANDLER:solid_waste_t|P1-E2|Q-HANDLER|5.000 t|solid waste, out"));
      // pipeline
      e.put("parkloop-pipeline / Since the last write / A", List.of("120"));
      e.put("parkloop-pipeline / Newest hour with data / A", List.of(String.valueOf(t.toEpochMilli())));
      e.put("parkloop-pipeline / Rows changed, last 5 minutes / A", List.of("2"));
      e.put("parkloop-pipeline / Late readings in the range / A", List.of("2"));
      e.put("parkloop-pipeline / Data-quality events in the range / A", List.of("2"));
      e.put("parkloop-pipeline / Rows written per minute / A", List.of( // 26 day rows, 2 hour rows; one of each at w
          u + "|day|25", u + "|hour|1", w + "|day|1", w + "|hour|1"));
      e.put("parkloop-pipeline / Late readings and data-quality events per hour / A", List.of(
          hour(ago(Duration.ofHours(3))) + "|1", hour(ago(Duration.ofHours(1))) + "|1"));
      e.put("parkloop-pipeline / Late readings and data-quality events per hour / B", List.of(
          hour(ago(Duration.ofHours(30))) + "|gap|1", hour(ago(Duration.ofHours(4))) + "|counter_reset|1"));
      e.put("parkloop-pipeline / Freshness by park / A", List.of( // the park without rows first
          "Beta|P2|CityB|null|null|null", "Alpha|P1|CityA|" + w + "|120|" + t));
      e.put("parkloop-pipeline / Latest data-quality events / A", List.of(
          ago(Duration.ofHours(4)) + "|counter_reset|P1-E1-M1|P1-E1|P1|from 900 to 3",
          ago(Duration.ofHours(30)) + "|gap|P2-E1-M1|P2-E1|P2|6 h without readings"));
      e.put("parkloop-pipeline / Latest late readings / A", List.of( // behind the watermark by 1 h and 2 h
          ago(Duration.ofHours(1)) + "|P1-E1-M1|P1-E1|P1|" + ago(Duration.ofHours(5)) + "|7|3600",
          ago(Duration.ofHours(3)) + "|P2-E1-M1|P2-E1|P2|" + ago(Duration.ofHours(26)) + "|3|7200"));
      // province: days, energy, every region and level
      e.put("parkloop-province / Province total · ${indicator:text} / A", List.of("32.5")); // 20 + 12.5
      e.put("parkloop-province / Water reuse rate, province / A", List.of("37.5")); // 100 × 300 / (500 + 300)
      e.put("parkloop-province / Parks reporting / A", List.of("1|2"));
      e.put("parkloop-province / ${indicator:text} by region, per ${period} / A", List.of(
          t + "|north|7.5", t + "|south|12.5"));
      e.put("parkloop-province / ${indicator:text} by park level, per ${period} / A", List.of(t + "|national|12.5"));
      e.put("parkloop-province / ${indicator:text} by city / A", List.of(
          "CityA|south|1|12.5|tce|100", "CityB|north|1|null|null|null"));
      e.put("parkloop-province / Water reuse rate by region, per ${period} / A", List.of(t + "|south|25"));
      e.put("parkloop-province / Parks / A", List.of( // by region: north before south
          "Beta|P2|CityB|north|provincial|20|null|null|null|null|null|null|null",
          "Alpha|P1|CityA|south|national|10|12.5|50000|500|300|37.5|2|" + w)); // 2 days with data
      return e;
    }

    /** The open and recent alerts counted by their opening day in Asia/Shanghai and kind, in time order. */
    private List<String> alertsPerShanghaiDay() {
      Map<String, Integer> counts = new TreeMap<>();
      for (Object[] alert : alertRows()) {
        Instant opened = (Instant) alert[6];
        if (opened.isAfter(now.minus(Duration.ofDays(7)))) {
          Instant day = LocalDate.ofInstant(opened, SHANGHAI).atStartOfDay(SHANGHAI).toInstant();
          counts.merge(day + "|" + alert[1], 1, Integer::sum);
        }
      }
      return counts.entrySet().stream().map(entry -> entry.getKey() + "|" + entry.getValue()).toList();
    }

    private static Instant hour(Instant instant) {
      return instant.truncatedTo(ChronoUnit.HOURS);
    }
  }
}
