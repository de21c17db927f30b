package io.parkloop.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import io.parkloop.jobs.IndicatorJob;
import io.parkloop.jobs.JobSettings;
import io.parkloop.jobs.JobSinks;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.jobs.records.WasteRow;
import io.parkloop.readside.Migrations;
import io.parkloop.reference.Province;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import io.parkloop.storage.ReferenceTables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The park manager's "Material flows this month" node graph (park-live.json) on rows the real
 * indicator job wrote: a heat-and-power plant burning coal, selling steam to A of its park and X
 * of another, and its ash to A. The nodes and edges the panel's two queries return are checked
 * against values computed here from the readings.
 */
@ExtendWith(SharedServices.class)
class FlowsPanelIT {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

  private static final ZoneId SHANGHAI = Province.ZONE;
  private static final Path ROOT = Path.of(System.getProperty("parkloop.root", ".."));
  private static final ReferenceData REFERENCE = ReferenceLoader.parse("flows-panel.yaml", """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
        - {id: YC, name: 盐城环保科技城, city: 盐城, level: provincial, land_area_km2: 50.0}
      enterprises:
        - {id: CHP, park: SIP, name: 热电厂}
        - {id: A, park: SIP, name: 甲化工}
        - {id: X, park: YC, name: 乙材料}
      meters:
        - {id: CHP-COAL, enterprise: CHP, medium: raw_coal, reading: interval, unit: t, interval: 1h}
        - {id: A-STM, enterprise: A, medium: steam, reading: interval, unit: t, interval: 1h, supplier: CHP}
        - {id: X-STM, enterprise: X, medium: steam, reading: interval, unit: t, interval: 1h, supplier: CHP}
        - {id: A-ELEC, enterprise: A, medium: electricity, reading: interval, unit: kWh, interval: 1h}
      """);
  /** The current month's first hours: the panel shows the month of now, whenever the test runs. */
  private static final long MONTH_START = YearMonth.now(SHANGHAI).atDay(1).atStartOfDay(SHANGHAI).toInstant()
      .toEpochMilli();
  private static final int HOURS = 3;
  private static final double COAL_T = 20;
  private static final double STEAM_A_T = 30;
  private static final double STEAM_X_T = 10;
  private static final double ELEC_A_KWH = 1_000;
  private static DataSource database;

  @BeforeAll
  static void fillTheFlowsWithTheIndicatorJob(TestClassServices services) throws Exception {
    database = services.dataSource();
    Migrations.migrate(database);
    ReferenceTables.sync(database, REFERENCE);
    List<MeterReading> readings = new ArrayList<>();
    for (int h = 1; h <= HOURS; h++) {
      long ts = MONTH_START + h * 3_600_000L;
      readings.add(new MeterReading("CHP-COAL", ts, COAL_T, ts));
      readings.add(new MeterReading("A-STM", ts, STEAM_A_T, ts));
      readings.add(new MeterReading("X-STM", ts, STEAM_X_T, ts));
      readings.add(new MeterReading("A-ELEC", ts, ELEC_A_KWH, ts));
    }
    List<WasteRow> waste = List.of(new WasteRow("CHP", "ASH-1", MONTH_START, "general", null, "transferred", "A", null, 45));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    JobSettings settings = JobSettings.defaults();
    new IndicatorJob(REFERENCE, settings,
        new DataGeneratorSource<>(i -> readings.get(i.intValue()), readings.size(), TypeInformation.of(MeterReading.class)),
        null, JobSinks.postgres(services.jdbcUrl(), settings))
        .withWaste(new DataGeneratorSource<>(i -> waste.get(i.intValue()), waste.size(), TypeInformation.of(WasteRow.class)))
        .build(env);
    env.execute("flows-panel-seed");
  }

  private static JsonNode panel() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("dashboards/grafana/park-live.json").toFile());
    for (JsonNode panel : dashboard.path("panels")) {
      if (panel.path("title").asText().equals("Material flows this month")) {
        return panel;
      }
    }
    throw new AssertionError("park-live.json has no panel 'Material flows this month'");
  }

  /** The rows of the panel's query {@code refId} for park SIP, each as column → text. */
  private static List<Map<String, String>> query(String refId) throws Exception {
    String sql = null;
    for (JsonNode target : panel().path("targets")) {
      if (target.path("refId").asText().equals(refId)) {
        sql = GrafanaQuery.expand(target.path("rawSql").asText(), Instant.now().minusSeconds(86_400), Instant.now(),
            Map.of("park", List.of("SIP")));
      }
    }
    assertThat(sql).as("query %s of the panel", refId).isNotNull();
    List<Map<String, String>> rows = new ArrayList<>();
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        Map<String, String> row = new TreeMap<>();
        for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
          row.put(result.getMetaData().getColumnLabel(i), result.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void edgesSayWhoSuppliesWhomHowMuchAndWhatLeavesThePark() throws Exception {
    Map<String, String> edges = new TreeMap<>();
    for (Map<String, String> edge : query("B")) {
      assertThat(edge.get("id")).isEqualTo(edge.get("source") + ">" + edge.get("target") + ":" + edge.get("id").split(":")[1]);
      edges.put(edge.get("id"), edge.get("mainstat") + " | " + edge.get("secondarystat"));
    }
    // 3 h × 20 t coal × 0.7143 tce/t; 3 h × 30 t steam × 0.1286 tce/t; 3 h × 10 t; 3 h × 1,000 kWh × 0.0001229
    assertThat(edges).containsExactly(
        Map.entry("CHP>A:energy_tce", "11.574 tce | energy, internal"),
        Map.entry("CHP>A:solid_waste_t", "45.000 t | solid waste, internal"),
        Map.entry("CHP>X:energy_tce", "3.858 tce | energy, out"),
        Map.entry("outside>A:energy_tce", "0.369 tce | energy, in"),
        Map.entry("outside>CHP:energy_tce", "42.858 tce | energy, in"));
  }

  @Test
  void nodesAreTheParksEnterprisesTheOutsideCustomerAndTheOutside() throws Exception {
    Map<String, String> nodes = new TreeMap<>();
    for (Map<String, String> node : query("A")) {
      nodes.put(node.get("id"), node.get("title") + " | " + node.get("subtitle"));
    }
    assertThat(nodes).containsExactly(
        Map.entry("A", "甲化工 | enterprise of the park"),
        Map.entry("CHP", "热电厂 | enterprise of the park"),
        Map.entry("X", "乙材料 | enterprise of YC"),
        Map.entry("outside", "outside | suppliers and disposal outside"));
  }
}
