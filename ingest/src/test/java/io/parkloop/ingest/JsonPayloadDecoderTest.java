package io.parkloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPayloadDecoderTest {
  private static List<Decoded> decode(String json) {
    return JsonPayloadDecoder.decode(json.getBytes(StandardCharsets.UTF_8), "mqtt:t");
  }

  private static String reasonOf(Decoded decoded) {
    return ((Decoded.Rejected) decoded).rejection().reason();
  }

  @Test
  void decodesTheSpecExample() {
    List<Decoded> decoded = decode("{\"meter\": \"E001-ELEC\", \"ts\": \"2026-03-01T08:15:00+08:00\", \"value\": 152340.5, \"unit\": \"kWh\"}");

    assertThat(decoded).singleElement().isInstanceOfSatisfying(Decoded.Accepted.class, a -> {
      assertThat(a.reading().getMeter()).isEqualTo("E001-ELEC");
      assertThat(a.reading().getTs()).isEqualTo(Instant.parse("2026-03-01T00:15:00Z"));
      assertThat(a.reading().getValue()).isEqualTo(152340.5);
      assertThat(a.reading().getUnit()).isEqualTo("kWh");
      assertThat(a.element()).isNull();
    });
  }

  @Test
  void acceptsEpochMillisAndAMissingUnit() {
    List<Decoded> decoded = decode("{\"meter\": \"m\", \"ts\": 1772324100000, \"value\": 1}");

    assertThat(decoded).singleElement().isInstanceOfSatisfying(Decoded.Accepted.class, a -> {
      assertThat(a.reading().getTs()).isEqualTo(Instant.ofEpochMilli(1772324100000L));
      assertThat(a.reading().getUnit()).isNull();
    });
  }

  @Test
  void aBadElementOfABatchSpoilsOnlyItself() {
    List<Decoded> decoded = decode("""
        [{"meter": "a", "ts": "2026-03-01T08:15:00+08:00", "value": 1},
         {"meter": "b", "ts": "2026-03-01T08:15:00", "value": 2},
         {"meter": "c", "ts": "2026-03-01T08:15:00+08:00", "value": NaN},
         {"ts": "2026-03-01T08:15:00+08:00", "value": 3},
         {"meter": "e", "ts": "2026-03-01T08:15:00+08:00", "value": "12"},
         {"meter": "f", "ts": "2026-03-01T08:15:00+08:00", "value": 4}]""");

    assertThat(decoded).hasSize(6);
    assertThat(decoded.get(0)).isInstanceOf(Decoded.Accepted.class);
    assertThat(reasonOf(decoded.get(1))).isEqualTo("bad_timestamp");
    assertThat(reasonOf(decoded.get(2))).isEqualTo("non_finite_value");
    assertThat(reasonOf(decoded.get(3))).isEqualTo("missing_field");
    assertThat(reasonOf(decoded.get(4))).isEqualTo("bad_value");
    assertThat(((Decoded.Rejected) decoded.get(4)).rejection().element()).isEqualTo(4);
    assertThat(decoded.get(5)).isInstanceOfSatisfying(Decoded.Accepted.class, a -> assertThat(a.element()).isEqualTo(5));
  }

  @Test
  void malformedJsonIsOneRejection() {
    assertThat(decode("{\"meter\": ")).singleElement().satisfies(d -> assertThat(reasonOf(d)).isEqualTo("malformed_json"));
    assertThat(decode("")).singleElement().satisfies(d -> assertThat(reasonOf(d)).isEqualTo("malformed_json"));
    assertThat(decode("[]")).singleElement().satisfies(d -> assertThat(reasonOf(d)).isEqualTo("malformed_json"));
    assertThat(decode("42")).singleElement().satisfies(d -> assertThat(reasonOf(d)).isEqualTo("malformed_json"));
    assertThat(decode("{\"meter\": \"a\", \"meter\": \"b\", \"ts\": 1, \"value\": 1}"))
        .singleElement().satisfies(d -> assertThat(reasonOf(d)).isEqualTo("malformed_json"));
  }
}
