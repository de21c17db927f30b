package io.parkloop.jobs.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.avro.Alert;
import io.parkloop.schemas.AvroCodec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertUpdateTest {
  private static final long OPENED = Instant.parse("2026-03-01T02:00:00Z").toEpochMilli();

  @Test
  void theIdIsMadeOfKindScopeFactorAndTheOpeningTimeInShanghai() {
    assertThat(AlertUpdate.idOf("concentration", "outlet", "E1-WW1", "w01018", OPENED))
        .isEqualTo("concentration:outlet:E1-WW1:w01018:20260301T100000");
    assertThat(AlertUpdate.idOf("silence", "meter", "E1-ELEC", null, OPENED + 250))
        .isEqualTo("silence:meter:E1-ELEC:-:20260301T100000.250");
  }

  @Test
  void anAlertTravelsAsTheAvroAlert() throws Exception {
    AlertUpdate alert = new AlertUpdate("concentration", "outlet", "E1-WW1", "w01018", "critical", OPENED, null,
        72.5, 50.0, List.of("2026-03-01 10:00:00 hourly w01018 72.5 mg/L > limit 50"));

    Alert decoded = AvroCodec.of(Alert.class).decode(AvroCodec.of(Alert.class).encode(alert.toAvro()));

    assertThat(decoded.getId()).isEqualTo(alert.id);
    assertThat(decoded.getOpenedAt()).isEqualTo(Instant.ofEpochMilli(OPENED));
    assertThat(decoded.getClosedAt()).isNull();
    assertThat(decoded.getPeakValue()).isEqualTo(72.5);
    assertThat(decoded.getEvidence()).containsExactly(alert.evidence);
  }

  @Test
  void aWithdrawalIsATombstoneForTheAlertsKey() {
    AlertUpdate alert = new AlertUpdate("silence", "meter", "E1-ELEC", null, "warning", OPENED, null, null, 1.0,
        List.of());

    var record = new AlertSerializer("parkloop.alerts").serialize(alert.withdrawal(), null, null);

    assertThat(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(alert.id);
    assertThat(record.value()).isNull();
    assertThat(new AlertSerializer("parkloop.alerts").serialize(alert, null, null).value()).isNotEmpty();
  }
}
