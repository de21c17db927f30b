package io.parkloop.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import io.parkloop.jobs.IndicatorJob;
import io.parkloop.jobs.JobSettings;
import io.parkloop.jobs.JobSinks;
import io.parkloop.jobs.alerts.AlertJob;
import io.parkloop.jobs.alerts.AlertRules;
import io.parkloop.jobs.alerts.AlertSinks;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.jobs.records.StatisticsRow;
import io.parkloop.readside.Migrations;
import io.parkloop.reference.Meter;
import io.parkloop.reference.Province;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import io.parkloop.schemas.Topics;
import io.parkloop.storage.ReferenceTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every panel query of every dashboard, expanded the way Grafana expands it, runs against a real
 * PostgreSQL that the real indicator and alert jobs filled from two days of deterministic readings
 * (counters, an interval meter, a counter reset, a late reading, HJ 212 hourly data over and under
 * the limit, monthly statistics) and returns rows with the columns its panel needs. The range and
 * now() are fixed, for the jobs' writes too. Only the shape is checked here; the values each panel
 * shows are DashboardPanelValuesIT's, on a small data set with known answers.
 */
@ExtendWith(SharedServices.class)
class DashboardQueriesIT {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final ZoneId SHANGHAI = Province.ZONE;
  private static final Path ROOT = Path.of(System.getProperty("parkloop.root", ".."));
  /**
   * The clock of the seed and of every query: Monday 2026-03-02 11:17 in Asia/Shanghai; the
   * queries' now() is this instant too ({@link FixedClock}), so no result depends on the day the
   * test runs.
   */
  private static final Instant NOW = Instant.parse("2026-03-02T03:17:00Z");
  /** The readings run on to 02:00 of the next Shanghai day, past the fixed now. */
  private static final Instant END = LocalDate.ofInstant(NOW, SHANGHAI).plusDays(1).atStartOfDay(SHANGHAI).toInstant()
      .plus(Duration.ofHours(2));
  private static DataSource database;

  @BeforeAll
  static void fillTheDatabaseWithTheIndicatorAndAlertJobs(TestClassServices services) throws Exception {
    ReferenceData reference = ReferenceLoader.load(ROOT.resolve("deploy/reference/reference.example.yaml"));
    database = services.dataSource();
    Migrations.migrate(database);
    ReferenceTables.sync(database, reference);
    FixedClock.installForEverySession(database, NOW);

    List<MeterReading> readings = readings(reference);
    List<StatisticsRow> statistics = statistics(reference);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    // one source reader and a watermark after every reading: the arrival order is the list's, so
    // the stale reading at its end is late for certain, not by the timing of two readers
    env.setParallelism(1);
    env.getConfig().setAutoWatermarkInterval(1);
    JobSettings settings = JobSettings.defaults();
    new IndicatorJob(reference, settings,
        new DataGeneratorSource<>(i -> readings.get(i.intValue()), readings.size(), TypeInformation.of(MeterReading.class)),
        new DataGeneratorSource<>(i -> statistics.get(i.intValue()), statistics.size(), TypeInformation.of(StatisticsRow.class)),
        JobSinks.postgres(services.jdbcUrl(), settings)).build(env);
    new AlertJob(reference, settings, AlertRules.defaults(),
        new DataGeneratorSource<>(i -> readings.get(i.intValue()), readings.size(), TypeInformation.of(MeterReading.class)),
        AlertSinks.postgresAndKafka(services.jdbcUrl(), services.kafka().bootstrapServers(),
            services.createTopic(Topics.ALERTS, 1), settings)).build(env);
    env.execute("dashboard-seed");
  }

  /**
   * Two days up to now and on into tomorrow, every 30 minutes, in arrival order; then one reading
   * days too late. The steps and concentrations cycle through fixed values (no random numbers).
   */
  private static List<MeterReading> readings(ReferenceData reference) {
    int slot = 0;
    Instant start = NOW.minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    Map<String, Double> counters = new LinkedHashMap<>();
    List<MeterReading> readings = new ArrayList<>();
    for (Instant t = start; t.isBefore(END); t = t.plus(Duration.ofMinutes(30))) {
      long ts = t.toEpochMilli();
      slot++;
      int m = 0;
      for (Meter meter : reference.meters()) {
        double step = 5 + (slot * 7 + m++ * 11) % 50;
        double value = meter.cumulative() ? counters.merge(meter.id(), step, Double::sum) : step;
        if (meter.id().equals("E002-ELEC") && t.equals(start.plus(Duration.ofHours(20)))) {
          value = 3; // the meter was replaced: a counter reset
          counters.put(meter.id(), value);
        }
        readings.add(new MeterReading(meter.id(), ts, value, ts));
      }
      if (t.getEpochSecond() % 3600 == 0) {
        readings.add(MeterReading.outlet("E001-WW1", ts, "w01018", "Avg", 30 + slot % 40, "N", "hour", ts));
        readings.add(MeterReading.outlet("E001-WW1", ts, "w21003", "Avg", 1 + slot % 6, "N", "hour", ts));
        readings.add(MeterReading.outlet("E001-WW1", ts, "w00000", "Cou", 80 + slot % 40, "N", "hour", ts));
      }
    }
    // the last hour's COD far over its limit: an alert still open for the alert panels
    long lastHour = END.minus(Duration.ofHours(1)).toEpochMilli();
    readings.add(MeterReading.outlet("E001-WW1", lastHour, "w01018", "Avg", 95, "N", "hour", lastHour));
    // ten days old: beyond the jobs' maximum age (7 days), behind its meter's own progress and the job's
    long stale = start.minus(Duration.ofDays(8)).toEpochMilli();
    readings.add(new MeterReading("E001-FW", stale, 1, NOW.toEpochMilli()));
    return readings;
  }

  private static List<StatisticsRow> statistics(ReferenceData reference) {
    List<StatisticsRow> rows = new ArrayList<>();
    YearMonth current = YearMonth.from(LocalDate.ofInstant(NOW, SHANGHAI));
    for (var enterprise : reference.enterprises()) {
      for (int back = 0; back < 3; back++) {
        long month = current.minusMonths(back).atDay(1).atStartOfDay(SHANGHAI).toInstant().toEpochMilli();
        rows.add(new StatisticsRow(enterprise.id(), month, 1_000.0 + back * 100, 4_000.0, 200.0));
      }
    }
    return rows;
  }

  @TestFactory
  Stream<DynamicTest> everyPanelQueryReturnsWhatItsPanelShows() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.list(ROOT.resolve("dashboards/grafana"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
        Map<String, List<String>> variables = variables(dashboard, database, NOW);
        for (JsonNode panel : panels(dashboard)) {
          for (JsonNode target : panel.path("targets")) {
            String name = dashboard.path("uid").asText() + " / " + panel.path("title").asText() + " / " + target.path("refId").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> check(panel, target, variables)));
          }
        }
      }
    }
    assertThat(tests).hasSizeGreaterThan(20);
    return tests.stream();
  }

  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      panels.add(panel);
      panel.path("panels").forEach(panels::add); // panels inside collapsed rows
    }
    return panels;
  }

  private static void check(JsonNode panel, JsonNode target, Map<String, List<String>> variables) throws Exception {
    String sql = GrafanaQuery.expand(target.path("rawSql").asText(), NOW.minus(Duration.ofDays(7)),
        NOW.plusSeconds(60), variables);
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
      FixedClock.use(statement);
      checkColumns(panel, target, statement.executeQuery(sql), sql);
    }
  }

  private static void checkColumns(JsonNode panel, JsonNode target, ResultSet result, String sql) throws Exception {
    try (result) {
      ResultSetMetaData columns = result.getMetaData();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= columns.getColumnCount(); i++) {
        names.add(columns.getColumnLabel(i));
      }
      assertThat(result.next()).as("rows of %s:%n%s", panel.path("title").asText(), sql).isTrue();
      if ("time_series".equals(target.path("format").asText()) || "timeseries".equals(panel.path("type").asText())) {
        assertThat(names).as("a time series needs a time column: %s", sql).contains("time");
        assertThat(names.size()).as("and at least one value column").isGreaterThan(1);
      }
      if ("stat".equals(panel.path("type").asText())) {
        assertThat(names).as("a stat shows one value").isNotEmpty();
      }
    }
  }

  /** Each variable's values as Grafana would pick them: all for "All", else the current or first option. */
  static Map<String, List<String>> variables(JsonNode dashboard, DataSource database, Instant now) throws Exception {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      List<String> options = new ArrayList<>();
      if (variable.path("type").asText().equals("query")) {
        String sql = GrafanaQuery.expand(variable.path("query").isTextual() ? variable.path("query").asText()
            : variable.path("query").path("rawSql").asText(variable.path("definition").asText()),
            now.minus(Duration.ofDays(7)), now, values);
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
            ResultSet result = statement.executeQuery(sql)) {
          boolean named = hasColumn(result.getMetaData(), "__value");
          while (result.next()) {
            options.add(named ? result.getString("__value") : result.getString(1));
          }
        }
      } else {
        for (JsonNode option : variable.path("options")) {
          if (!option.path("value").asText().equals("$__all")) {
            options.add(option.path("value").asText());
          }
        }
      }
      assertThat(options).as("options of $%s", variable.path("name").asText()).isNotEmpty();
      boolean all = variable.path("current").path("value").toString().contains("$__all");
      values.put(variable.path("name").asText(), all ? options : List.of(current(variable, options)));
    }
    return values;
  }

  private static String current(JsonNode variable, List<String> options) {
    String current = variable.path("current").path("value").asText("");
    return options.contains(current) ? current : options.get(0);
  }

  private static boolean hasColumn(ResultSetMetaData columns, String name) throws Exception {
    for (int i = 1; i <= columns.getColumnCount(); i++) {
      if (columns.getColumnLabel(i).equals(name)) {
        return true;
      }
    }
    return false;
  }
}
