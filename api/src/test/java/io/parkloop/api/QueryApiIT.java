package io.parkloop.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkloop.embedded.LocalPostgres;
import io.parkloop.readside.AlertExport;
import io.parkloop.readside.AlertFilter;
import io.parkloop.readside.AlertQueries;
import io.parkloop.readside.ApiTokens;
import io.parkloop.readside.DatabaseRoles;
import io.parkloop.readside.ExportFilter;
import io.parkloop.readside.ExportFormat;
import io.parkloop.readside.IndicatorExport;
import io.parkloop.readside.Migrations;
import io.parkloop.readside.acceptance.AcceptanceQueries;
import io.parkloop.readside.acceptance.AcceptanceTables;
import io.parkloop.readside.acceptance.ParkResult;
import io.parkloop.readside.acceptance.ProvincialProgress;
import io.parkloop.readside.table.Table;
import io.parkloop.readside.table.TableFormat;
import io.parkloop.storage.AlertRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./parkloop serve}'s API over real HTTP on a real PostgreSQL 17 with two parks: its bodies
 * are byte for byte what the export, alerts, acceptance and progress commands write for the same
 * request; tokens and park isolation hold.
 */
class QueryApiIT {
  private static final int ACCEPTANCE_YEAR = 2025;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dataDir;
  private static LocalPostgres postgres;
  private static DataSource database;
  private static QueryApiServer server;
  private static String statisticianToken;
  private static String managerToken;

  @BeforeAll
  static void serveTwoParks() throws Exception {
    postgres = LocalPostgres.start(dataDir.resolve("postgres"), 0);
    postgres.createDatabase("api");
    database = postgres.dataSource("api");
    Migrations.migrate(database);
    try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
      sql.execute("""
          insert into park values ('SIP', '苏州工业园区', '苏州', '苏南', 'national', 278),
                                  ('YCEP', '盐城环保科技城', '盐城', '苏北', 'provincial', 60);
          insert into enterprise values ('SIP-E1', 'SIP', 'one', null), ('YCEP-E1', 'YCEP', 'two', null);
          insert into indicator_value (scope_type, scope_id, period_type, period_start, indicator, value, unit)
          select s.scope_type, s.scope_id, p.period_type, d.day, i.indicator, d.n * s.factor, i.unit
          from (values ('park', 'SIP', 1.5), ('park', 'YCEP', 2.25), ('enterprise', 'SIP-E1', 0.1),
                       ('enterprise', 'YCEP-E1', 0.3), ('city', '苏州', 1.5), ('province', 'JS', 3.75))
                 as s(scope_type, scope_id, factor),
               (values ('day'), ('month')) as p(period_type),
               (values ('energy_tce', 'tce'), ('water_reuse_rate', '%, with a comma')) as i(indicator, unit),
               (select g as n, timestamptz '2026-02-27 00:00+08' + g * interval '1 day' as day
                from generate_series(1, 4) g) d;
          -- the acceptance year: SIP reaches its target (3 of 2.5), YCEP half of its own (0.5 ÷ 1)
          insert into indicator_value (scope_type, scope_id, period_type, period_start, indicator, value, unit) values
            ('park', 'SIP', 'year', '2025-01-01 00:00+08', 'energy_output_rate', 3, '10k CNY/tce'),
            ('park', 'YCEP', 'year', '2025-01-01 00:00+08', 'cod_intensity', 1, 't/100M CNY');
          insert into target values ('SIP', 2025, 'energy_output_rate', 2.5), ('YCEP', 2025, 'cod_intensity', 0.5);
          insert into alerts (id, kind, scope_type, scope_id, factor, severity, opened_at, closed_at, peak_value, evidence)
          values ('a1', 'silence', 'enterprise', 'SIP-E1', null, 'warning', '2026-03-01T08:00+08', null, 7, '{"no reading for 7 h"}'),
                 ('a2', 'silence', 'enterprise', 'YCEP-E1', null, 'critical', '2026-03-01T09:00+08', '2026-03-01T12:00+08', 3, '{}');
          """);
    }
    DatabaseRoles.addParkManager(database, "api_sip_manager", "SIP");
    statisticianToken = ApiTokens.issueForStatistician(database, "QueryApiIT");
    managerToken = ApiTokens.issueForParkManager(database, "api_sip_manager", "QueryApiIT");
    server = new QueryApiServer(database, "127.0.0.1", 0);
    server.start();
  }

  @AfterAll
  static void stop() {
    server.close();
    postgres.close();
  }

  @Test
  void csvAndJsonBodiesEqualTheExportForTheSameFilter() throws Exception {
    ExportFilter filter = new ExportFilter("park", "SIP", "day", LocalDate.parse("2026-02-28"), LocalDate.parse("2026-03-02"));
    String query = "scope_type=park&scope_id=SIP&period_type=day&from=2026-02-28&to=2026-03-02";
    for (ExportFormat format : List.of(ExportFormat.CSV, ExportFormat.JSON)) {
      HttpResponse<String> response = get("/api/v1/indicators?" + query + "&format=" + format.name().toLowerCase(),
          statisticianToken);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(export(filter, format)).contains("SIP");
    }
  }

  @Test
  void withoutFilterTheStatisticianGetsEveryRowAsTheExportWritesThem() throws Exception {
    HttpResponse<String> response = get("/api/v1/indicators", statisticianToken);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    assertThat(response.body()).isEqualTo(export(ExportFilter.all(), ExportFormat.CSV));
    assertThat(response.body().lines().count()).isEqualTo(1 + 6 * 2 * 2 * 4 + 2);
  }

  @Test
  void aParkManagersTokenGetsOnlyTheOwnParksRows() throws Exception {
    HttpResponse<String> response = get("/api/v1/indicators?format=json", managerToken);
    assertThat(response.statusCode()).isEqualTo(200);
    Set<String> scopes = new TreeSet<>();
    for (JsonNode row : JSON.readTree(response.body())) {
      scopes.add(row.get("scope_type").asText() + ":" + row.get("scope_id").asText());
    }
    assertThat(scopes).containsExactly("enterprise:SIP-E1", "park:SIP");
    HttpResponse<String> otherPark = get("/api/v1/indicators?scope_type=park&scope_id=YCEP", managerToken);
    assertThat(otherPark.body()).isEqualTo(IndicatorExport.CSV_HEADER + "\n");
  }

  @Test
  void alertsAreWhatTheAlertsCommandListsAndAManagerSeesTheOwnParksOnly() throws Exception {
    HttpResponse<String> csv = get("/api/v1/alerts?from=2026-03-01", statisticianToken);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.body()).isEqualTo(alerts(false)).contains("SIP-E1", "YCEP-E1");
    assertThat(get("/api/v1/alerts?from=2026-03-01&format=json", statisticianToken).body()).isEqualTo(alerts(true));
    HttpResponse<String> manager = get("/api/v1/alerts?format=json", managerToken);
    List<String> scopes = new ArrayList<>();
    JSON.readTree(manager.body()).forEach(alert -> scopes.add(alert.get("scope_id").asText()));
    assertThat(scopes).containsExactly("SIP-E1");
  }

  @Test
  void acceptanceAndProgressAreWhatTheCommandsWriteForTheYear() throws Exception {
    List<ParkResult> results = AcceptanceQueries.assess(database, ACCEPTANCE_YEAR, Instant.now());
    for (TableFormat format : List.of(TableFormat.CSV, TableFormat.JSON)) {
      String query = "?year=" + ACCEPTANCE_YEAR + "&format=" + format;
      HttpResponse<String> acceptance = get("/api/v1/acceptance" + query, statisticianToken);
      assertThat(acceptance.statusCode()).isEqualTo(200);
      assertThat(acceptance.body()).isEqualTo(written(AcceptanceTables.acceptance(results), format))
          .contains("SIP", "YCEP", "passes", "fails");
      HttpResponse<String> progress = get("/api/v1/progress" + query, statisticianToken);
      assertThat(progress.statusCode()).isEqualTo(200);
      assertThat(progress.body())
          .isEqualTo(written(AcceptanceTables.progress(ACCEPTANCE_YEAR, false, ProvincialProgress.of(results)), format))
          .contains("SIP", "YCEP");
    }
  }

  @Test
  void aParkManagerGetsTheOwnParksAcceptanceAndNoProgress() throws Exception {
    List<ParkResult> ownPark = AcceptanceQueries.assess(database, ACCEPTANCE_YEAR, Instant.now()).stream()
        .filter(result -> result.park().id().equals("SIP")).toList();
    HttpResponse<String> acceptance = get("/api/v1/acceptance?format=json&year=" + ACCEPTANCE_YEAR, managerToken);
    assertThat(acceptance.statusCode()).isEqualTo(200);
    assertThat(acceptance.body()).isEqualTo(written(AcceptanceTables.acceptance(ownPark), TableFormat.JSON))
        .contains("SIP").doesNotContain("YCEP");
    HttpResponse<String> progress = get("/api/v1/progress?year=" + ACCEPTANCE_YEAR, managerToken);
    assertThat(progress.statusCode()).isEqualTo(403);
    JsonNode error = JSON.readTree(progress.body());
    assertThat(error.get("error").asText()).isEqualTo("forbidden");
    assertThat(error.get("message").asText()).contains("park manager");
  }

  @Test
  void aMissingOrWrongTokenGets401() throws Exception {
    List<HttpResponse<String>> refused = new ArrayList<>();
    refused.add(HTTP.send(HttpRequest.newBuilder(uri("/api/v1/indicators")).build(), HttpResponse.BodyHandlers.ofString()));
    refused.add(get("/api/v1/indicators", "plk_not-a-token-this-server-issued"));
    refused.add(get("/api/v1/indicators", statisticianToken + "x"));
    refused.add(get("/api/v1/indicators?scope_type=galaxy", "plk_wrong")); // the token is checked before the filter
    for (HttpResponse<String> response : refused) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
      assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("unauthorized");
    }
  }

  @Test
  void aBadFilterGets400SayingWhatIsWrong() throws Exception {
    for (String query : List.of("scope_type=galaxy", "from=2026-13-01", "from=2026-03-02&to=2026-03-01",
        "format=pdf", "scope=park", "period_type=day&period_type=month")) {
      HttpResponse<String> response = get("/api/v1/indicators?" + query, statisticianToken);
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      JsonNode error = JSON.readTree(response.body());
      assertThat(error.get("error").asText()).isEqualTo("bad_request");
      assertThat(error.get("message").asText()).as(query).isNotBlank();
    }
    assertThat(get("/api/v1/nothing", statisticianToken).statusCode()).isEqualTo(404);
    for (String query : List.of("year=25", "year=twenty", "format=xlsx", "from=2025-01-01")) {
      assertThat(get("/api/v1/acceptance?" + query, statisticianToken).statusCode()).as(query).isEqualTo(400);
    }
  }

  /**
   * SQL metacharacters, a NUL, a lone escape and a 20,000-character value in every parameter of
   * every route: each request gets a 400 naming the problem, or the very answer a value that
   * matches nothing gets; never a 500. The tables keep every row and a plain request still gets
   * its usual answer.
   */
  @Test
  void hostileValuesInEveryParameterGetA400OrNoRowsAndHarmNothing() throws Exception {
    List<String> hostile = List.of("' or '1'='1", "'; drop table indicator_value; --", "SIP' --", "\\", "%_%",
        "\u0000", "2026-03-01'; select pg_sleep(10); --", "9".repeat(20_000));
    long indicatorRows = count("indicator_value");
    long alertRows = count("alerts");
    String plain = get("/api/v1/indicators?scope_type=park&scope_id=SIP&period_type=day", statisticianToken).body();
    for (String path : QueryApiServer.ROUTES.keySet()) {
      for (String parameter : new TreeSet<>(QueryApiServer.ROUTES.get(path).parameters())) {
        HttpResponse<String> nothing = get(path + "?" + parameter + "=nothing-matches-this", statisticianToken);
        for (String value : hostile) {
          String request = path + "?" + parameter + "=" + shortened(value);
          HttpResponse<String> response = get(path + "?" + parameter + "="
              + URLEncoder.encode(value, StandardCharsets.UTF_8), statisticianToken);
          if (response.statusCode() == 400) {
            assertThat(JSON.readTree(response.body()).get("message").asText()).as(request).isNotBlank();
          } else {
            assertThat(response.statusCode()).as(request).isEqualTo(200);
            assertThat(nothing.statusCode()).as(request).isEqualTo(200);
            assertThat(response.body()).as(request).isEqualTo(nothing.body());
          }
        }
      }
    }
    assertThat(count("indicator_value")).isEqualTo(indicatorRows);
    assertThat(count("alerts")).isEqualTo(alertRows);
    assertThat(get("/api/v1/indicators?scope_type=park&scope_id=SIP&period_type=day", statisticianToken).body())
        .isEqualTo(plain);
  }

  private static String shortened(String value) {
    return value.length() > 40 ? value.substring(0, 20) + "…(" + value.length() + " chars)" : value;
  }

  private static long count(String table) throws SQLException {
    try (Connection connection = database.getConnection(); Statement sql = connection.createStatement();
        var rows = sql.executeQuery("select count(*) from " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Test
  void theOpenApiDocumentParsesAndDescribesTheIndicators() throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(QueryApiServer.OPENAPI_PATH)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode document = JSON.readTree(response.body());
    assertThat(document.get("openapi").asText()).startsWith("3.");
    for (String path : QueryApiServer.ROUTES.keySet()) {
      JsonNode parameters = document.at("/paths/" + path.replace("/", "~1") + "/get/parameters");
      List<String> names = new ArrayList<>();
      parameters.forEach(parameter -> names.add(parameter.get("name").asText()));
      assertThat(names).as(path).containsExactlyInAnyOrderElementsOf(QueryApiServer.ROUTES.get(path).parameters());
    }
  }

  private static String export(ExportFilter filter, ExportFormat format) throws SQLException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    format.write(IndicatorExport.query(database, filter), out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String written(Table table, TableFormat format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    format.write(table, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String alerts(boolean json) throws SQLException, IOException {
    StringWriter out = new StringWriter();
    List<AlertRecord> all = AlertQueries.list(database, new AlertFilter(LocalDate.parse("2026-03-01"), null, null, false));
    if (json) {
      AlertExport.writeJson(all, out);
    } else {
      AlertExport.writeCsv(all, out);
    }
    return out.toString();
  }

  private static HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", "Bearer " + token).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }
}
