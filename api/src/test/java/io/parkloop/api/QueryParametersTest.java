package io.parkloop.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkloop.readside.ExportFilter;
import io.parkloop.readside.ExportFormat;
import io.parkloop.readside.table.TableFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryParametersTest {
  private static final Set<String> INDICATORS = new IndicatorsRoute().parameters();
  private static final Set<String> ASSESSMENT = AssessmentRequest.PARAMETERS;

  @Test
  void decodesValuesAndTreatsEmptyOnesAsAbsent() {
    QueryParameters parameters = QueryParameters.parse("scope_id=%E8%8B%8F%E5%B7%9E&scope_type=&to=2026-03-31", INDICATORS);
    assertThat(parameters.text("scope_id")).isEqualTo("苏州");
    assertThat(parameters.text("scope_type")).isNull();
    assertThat(parameters.date("to")).isEqualTo(LocalDate.of(2026, 3, 31));
    assertThat(parameters.text("from")).isNull();
  }

  @Test
  void theIndicatorFilterIsTheExportsFilter() {
    QueryParameters parameters = QueryParameters.parse(
        "scope_type=park&scope_id=SIP&period_type=month&from=2026-01-01&to=2026-03-31&format=json", INDICATORS);
    assertThat(IndicatorsRoute.filter(parameters)).isEqualTo(
        new ExportFilter("park", "SIP", "month", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)));
    assertThat(IndicatorsRoute.format(parameters)).isEqualTo(ExportFormat.JSON);
    assertThat(IndicatorsRoute.format(QueryParameters.parse(null, INDICATORS))).isEqualTo(ExportFormat.CSV);
  }

  @Test
  void refusesControlCharactersAndOverlongValuesWithoutEchoingThem() {
    assertThatThrownBy(() -> QueryParameters.parse("scope_id=SIP%00", INDICATORS))
        .isInstanceOf(BadRequest.class).hasMessage("parameter 'scope_id' contains the control character U+0000");
    assertThatThrownBy(() -> QueryParameters.parse("scope_id=a%0Ab", INDICATORS))
        .isInstanceOf(BadRequest.class).hasMessageContaining("U+000A");
    assertThatThrownBy(() -> QueryParameters.parse("scope_id=" + "9".repeat(201), INDICATORS))
        .isInstanceOf(BadRequest.class).hasMessage("parameter 'scope_id' is 201 characters long; at most 200 are taken");
    assertThat(QueryParameters.parse("scope_id=" + "9".repeat(200), INDICATORS).text("scope_id")).hasSize(200);
  }

  @Test
  void refusesWhatItCannotReadSayingWhy() {
    assertThatThrownBy(() -> QueryParameters.parse("scopetype=park", INDICATORS))
        .isInstanceOf(BadRequest.class).hasMessageContaining("unknown parameter 'scopetype'").hasMessageContaining("scope_type");
    assertThatThrownBy(() -> QueryParameters.parse("from=1&from=2", INDICATORS)).hasMessageContaining("twice");
    assertThatThrownBy(() -> QueryParameters.parse("scope_id=%zz", INDICATORS)).hasMessageContaining("URL encoding");
    assertThatThrownBy(() -> QueryParameters.parse("from=03/01/2026", INDICATORS).date("from"))
        .hasMessageContaining("not a date like 2026-03-01");
    assertThatThrownBy(() -> IndicatorsRoute.filter(QueryParameters.parse("period_type=week", INDICATORS)))
        .hasMessageContaining("period_type 'week' is not one of");
    assertThatThrownBy(() -> IndicatorsRoute.filter(QueryParameters.parse("from=2026-03-02&to=2026-03-01", INDICATORS)))
        .hasMessageContaining("before");
  }

  @Test
  void anAssessmentIsOfTheGivenYearOrTheCurrentOneInShanghaiAsCsvUnlessJsonIsAsked() {
    Instant newYearsEveInUtc = Instant.parse("2025-12-31T17:00:00Z"); // already 2026 in Asia/Shanghai
    assertThat(AssessmentRequest.of(QueryParameters.parse("year=2024&format=json", ASSESSMENT), newYearsEveInUtc))
        .isEqualTo(new AssessmentRequest(2024, TableFormat.JSON));
    assertThat(AssessmentRequest.of(QueryParameters.parse(null, ASSESSMENT), newYearsEveInUtc))
        .isEqualTo(new AssessmentRequest(2026, TableFormat.CSV));
    assertThatThrownBy(() -> AssessmentRequest.of(QueryParameters.parse("year=26", ASSESSMENT), newYearsEveInUtc))
        .isInstanceOf(BadRequest.class).hasMessageContaining("year '26' is not a year like 2026");
    assertThatThrownBy(() -> AssessmentRequest.of(QueryParameters.parse("format=xlsx", ASSESSMENT), newYearsEveInUtc))
        .isInstanceOf(BadRequest.class).hasMessageContaining("format 'xlsx' is not one of [csv, json]");
  }
}
