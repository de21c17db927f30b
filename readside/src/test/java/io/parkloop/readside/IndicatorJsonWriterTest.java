package io.parkloop.readside;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndicatorJsonWriterTest {
  @Test
  void writesAnArrayOfObjectsWithTheSpecFieldNamesOnePerLine() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int written = IndicatorJsonWriter.write(ExportRows.ROWS, out);

    String json = out.toString(StandardCharsets.UTF_8);
    assertThat(written).isEqualTo(4);
    assertThat(json.lines()).hasSize(6).first().isEqualTo("[");
    assertThat(json.lines().toList().get(1)).isEqualTo("  {\"scope_type\": \"city\", \"scope_id\": \"南通\","
        + " \"period_type\": \"day\", \"period_start\": \"2026-03-01T00:00:00+08:00\","
        + " \"indicator\": \"electricity_kwh\", \"value\": 36665.0389, \"unit\": \"kWh\"},");

    JsonNode rows = new ObjectMapper().readTree(json);
    assertThat(rows.isArray()).isTrue();
    JsonNode hour = rows.get(1);
    assertThat(hour.fieldNames()).toIterable().containsExactly(
        "scope_type", "scope_id", "period_type", "period_start", "indicator", "value", "unit");
    assertThat(hour.get("period_start").asText()).isEqualTo("2026-03-01T01:00:00+08:00");
    assertThat(hour.get("value").isNumber()).isTrue();
    assertThat(hour.get("value").decimalValue()).isEqualByComparingTo("0.00001229");
    assertThat(rows.get(2).get("value").decimalValue()).isEqualByComparingTo("1234567890.12");
    assertThat(rows.get(3).get("scope_id").asText()).isEqualTo("E1,old");
    assertThat(rows.get(3).get("value").asDouble()).isZero();
  }

  @Test
  void writesAnEmptyArrayWhenNothingMatches() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    IndicatorJsonWriter.write(List.of(), out);

    assertThat(new ObjectMapper().readTree(out.toByteArray()).isEmpty()).isTrue();
  }
}
