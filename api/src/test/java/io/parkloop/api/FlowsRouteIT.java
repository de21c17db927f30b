package io.parkloop.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkloop.embedded.LocalPostgres;
import io.parkloop.readside.ApiTokens;
import io.parkloop.readside.DatabaseRoles;
import io.parkloop.readside.Migrations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/flows}: a month's material flows as {@code ./parkloop flows} writes them; a
 * park manager's token sees the own park's flows only (row-level security on material_flow, V20).
 */
class FlowsRouteIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir static Path dataDir;
  private static LocalPostgres postgres;
  private static QueryApiServer server;
  private static String statisticianToken;
  private static String managerToken;

  @BeforeAll
  static void serveTwoParksFlows() throws Exception {
    postgres = LocalPostgres.start(dataDir.resolve("postgres"), 0);
    postgres.createDatabase("flows");
    DataSource database = postgres.dataSource("flows");
    Migrations.migrate(database);
    try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
      sql.execute("""
          insert into park values ('SIP', '苏州工业园区', '苏州', '苏南', 'national', 278),
                                  ('YCEP', '盐城环保科技城', '盐城', '苏北', 'provincial', 60);
          insert into enterprise values ('CHP', 'SIP', 'plant', null), ('A', 'SIP', 'a', null), ('X', 'YCEP', 'x', null);
          insert into material_flow (park_id, period_type, period_start, source, target, direction, flow, value, unit) values
            ('SIP', 'month', '2026-03-01 00:00+08', 'CHP', 'A', 'internal', 'steam_t', 300, 't'),
            ('SIP', 'month', '2026-03-01 00:00+08', 'CHP', 'X', 'out', 'steam_t', 100, 't'),
            ('SIP', 'month', '2026-04-01 00:00+08', 'CHP', 'A', 'internal', 'steam_t', 310, 't'),
            ('YCEP', 'month', '2026-03-01 00:00+08', 'CHP', 'X', 'in', 'steam_t', 100, 't');
          """);
    }
    DatabaseRoles.addParkManager(database, "flows_sip_manager", "SIP");
    statisticianToken = ApiTokens.issueForStatistician(database, "FlowsRouteIT");
    managerToken = ApiTokens.issueForParkManager(database, "flows_sip_manager", "FlowsRouteIT");
    server = new QueryApiServer(database, "127.0.0.1", 0);
    server.start();
  }

  @AfterAll
  static void stop() {
    server.close();
    postgres.close();
  }

  @Test
  void aParksMonthAsCsv() throws Exception {
    HttpResponse<String> response = get("/api/v1/flows?park=SIP&period=2026-03", statisticianToken);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("""
        park,period_start,source,target,direction,flow,value,unit
        SIP,2026-03-01T00:00:00+08:00,CHP,A,internal,steam_t,300,t
        SIP,2026-03-01T00:00:00+08:00,CHP,X,out,steam_t,100,t
        """);
  }

  @Test
  void aParkManagerSeesOnlyTheOwnParksFlows() throws Exception {
    HttpResponse<String> response = get("/api/v1/flows?period=2026-03&format=json", managerToken);
    assertThat(response.statusCode()).isEqualTo(200);
    Set<String> parks = new TreeSet<>();
    for (JsonNode row : new ObjectMapper().readTree(response.body())) {
      parks.add(row.get("park").asText());
    }
    assertThat(parks).containsExactly("SIP");
    HttpResponse<String> all = get("/api/v1/flows?period=2026-03&format=json", statisticianToken);
    assertThat(new ObjectMapper().readTree(all.body()).size()).isEqualTo(3);
  }

  @Test
  void aPeriodThatIsNoMonthIsABadRequest() throws Exception {
    assertThat(get("/api/v1/flows?park=SIP&period=2026-3", statisticianToken).statusCode()).isEqualTo(400);
    assertThat(get("/api/v1/flows?park=SIP", statisticianToken).statusCode()).isEqualTo(400);
  }

  private static HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
        .header("Authorization", "Bearer " + token).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
