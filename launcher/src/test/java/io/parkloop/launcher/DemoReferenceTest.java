package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkloop.avro.WasteRecord;
import io.parkloop.ingest.WasteValidator;
import io.parkloop.launcher.simulator.MeterSimulator;
import io.parkloop.reference.Meter;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The demo's parks show the links at once: a heat-and-power plant with steam customers, reclaimed water, waste tickets. */
class DemoReferenceTest {
  private static final ReferenceData DEMO = demo();

  private static ReferenceData demo() {
    try {
      return ReferenceLoader.parse("demo/reference.yaml", DemoCommand.demoReference());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theHeatAndPowerPlantHasSteamCustomersAndTheWastewaterPlantSellsReclaimedWater() {
    assertThat(DEMO.meters().stream().filter(m -> "CZBJ-E02".equals(m.supplier())).map(Meter::enterprise))
        .containsExactlyInAnyOrder("CZBJ-E01", "CZBJ-E03");
    assertThat(DEMO.meter("CZBJ-E01-RW").orElseThrow().supplier()).isEqualTo("CZBJ-WWTP");
    assertThat(DEMO.utility("CZBJ-WWTP")).isPresent();
  }

  @Test
  void theSimulatorsTicketsKeepTheWasteContract() throws Exception {
    WasteValidator validator = new WasteValidator(() -> DEMO);
    String ticket = MeterSimulator.ticket("ASH-X-2026-03-02", "2026-03-02", "general", null, "transferred", "CZBJ-E01",
        null, 9.6);
    WasteRecord record = validator.validate(new ObjectMapper().readTree(ticket), "CZBJ-E02", "mqtt:test",
        Instant.parse("2026-03-02T12:00:00Z"));
    assertThat(record.getToEnterprise()).isEqualTo("CZBJ-E01");
    assertThat(record.getTonnes()).isEqualTo(9.6);
    String hazardous = MeterSimulator.ticket("HW-M-2026-03-02", "2026-03-02", "hazardous", "HW08", "transferred", null,
        "JS0500OOD001", 0.4);
    assertThat(validator.validate(new ObjectMapper().readTree(hazardous), "SIP-E01", "mqtt:test",
        Instant.parse("2026-03-02T12:00:00Z")).getHwCode()).isEqualTo("HW08");
  }
}
