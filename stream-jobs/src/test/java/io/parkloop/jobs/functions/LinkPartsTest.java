package io.parkloop.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.jobs.records.IndicatorPart;
import io.parkloop.jobs.records.MeterHour;
import io.parkloop.jobs.records.WasteRow;
import io.parkloop.reference.Indicator;
import io.parkloop.reference.Province;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The counting rule's parts (TransferParts), the waste's (WasteToParts) and the flows' (FlowParts), one hour or record each. */
class LinkPartsTest {
  private static final ReferenceData REFERENCE = ReferenceLoader.parse("links.yaml", """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
        - {id: WX, name: 无锡高新区, city: 无锡, level: national, land_area_km2: 100.0}
        - {id: YC, name: 盐城环保科技城, city: 盐城, level: provincial, land_area_km2: 50.0}
      enterprises:
        - {id: CHP, park: SIP}
        - {id: A, park: SIP}
        - {id: W, park: WX}
        - {id: Y, park: YC}
      utilities:
        - {id: SIP-WWTP, park: SIP}
      meters:
        - {id: A-STM, enterprise: A, medium: steam, reading: interval, unit: t, supplier: CHP}
        - {id: W-STM, enterprise: W, medium: steam, reading: interval, unit: t, supplier: CHP}
        - {id: Y-STM, enterprise: Y, medium: steam, reading: interval, unit: t, supplier: CHP}
        - {id: A-RW, enterprise: A, medium: recycled_water, reading: cumulative, unit: m3, supplier: SIP-WWTP}
      """);
  private static final long HOUR = 1_772_323_200_000L; // 2026-03-01 08:00 Shanghai

  private static Map<String, Double> byScope(List<IndicatorPart> parts) {
    Map<String, Double> values = new TreeMap<>();
    parts.forEach(part -> values.put(part.scopeType + ":" + part.scopeId + " " + part.indicator, part.micros / 1e6));
    return values;
  }

  private static List<IndicatorPart> transfer(String meter, double quantity) {
    TransferParts transfers = new TransferParts(REFERENCE);
    transfers.open(null);
    return transfers.parts(REFERENCE.meter(meter).orElseThrow(), new MeterHour(meter, HOUR, quantity));
  }

  @Test
  void aTransferInsideTheParkIsTakenOutOfTheParksEnergyAndShownAsExchanged() {
    // 10 t of steam = 1.286 tce
    assertThat(byScope(transfer("A-STM", 10))).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("enterprise:CHP steam_t_supplied", 10.0), Map.entry("enterprise:CHP energy_tce_supplied", 1.286),
        Map.entry("park:SIP steam_t_exchanged", 10.0), Map.entry("park:SIP energy_tce_exchanged", 1.286),
        Map.entry("park:SIP steam_t", -10.0), Map.entry("park:SIP energy_tce", -1.286),
        Map.entry("city:苏州 steam_t_exchanged", 10.0), Map.entry("city:苏州 energy_tce_exchanged", 1.286),
        Map.entry("city:苏州 steam_t", -10.0), Map.entry("city:苏州 energy_tce", -1.286),
        Map.entry("region:苏南 steam_t_exchanged", 10.0), Map.entry("region:苏南 energy_tce_exchanged", 1.286),
        Map.entry("region:苏南 steam_t", -10.0), Map.entry("region:苏南 energy_tce", -1.286),
        Map.entry("level:national steam_t_exchanged", 10.0), Map.entry("level:national energy_tce_exchanged", 1.286),
        Map.entry("level:national steam_t", -10.0), Map.entry("level:national energy_tce", -1.286),
        Map.entry("province:" + Province.NAME + " steam_t_exchanged", 10.0),
        Map.entry("province:" + Province.NAME + " energy_tce_exchanged", 1.286),
        Map.entry("province:" + Province.NAME + " steam_t", -10.0),
        Map.entry("province:" + Province.NAME + " energy_tce", -1.286)));
  }

  @Test
  void aTransferToAnotherParkLeavesThePlantsParkAndCancelsWhereBothEndsAre() {
    Map<String, Double> toWuxi = byScope(transfer("W-STM", 10));
    // Wuxi is another park and city, but the same region (苏南), level and province
    assertThat(toWuxi).containsEntry("park:SIP energy_tce_supplied", 1.286).containsEntry("city:苏州 energy_tce_supplied", 1.286)
        .containsEntry("region:苏南 energy_tce", -1.286).containsEntry("level:national energy_tce", -1.286)
        .doesNotContainKey("park:SIP energy_tce").doesNotContainKey("region:苏南 energy_tce_supplied");
    Map<String, Double> toYancheng = byScope(transfer("Y-STM", 10));
    assertThat(toYancheng).containsEntry("region:苏南 energy_tce_supplied", 1.286)
        .containsEntry("level:national energy_tce_supplied", 1.286).containsEntry("province:" + Province.NAME + " energy_tce", -1.286);
  }

  @Test
  void reclaimedWaterFromAUtilityIsNoPartOfAnySupplierScope() {
    assertThat(transfer("A-RW", 50)).isEmpty();
  }

  @Test
  void wasteCountsByCategoryAndFlowAndExchangeWhereBothEndsAre() {
    WasteToParts waste = new WasteToParts(REFERENCE);
    Map<String, Double> toW = byScope(waste.parts(new WasteRow("CHP", "T1", HOUR, "general", null, "transferred", "W", null, 30)));
    assertThat(toW).containsEntry("enterprise:CHP solid_waste_utilized_t", 30.0)
        .containsEntry("park:SIP solid_waste_utilized_t", 30.0).containsEntry("region:苏南 waste_exchanged_t", 30.0)
        .doesNotContainKey("park:SIP waste_exchanged_t");
    assertThat(WasteToParts.indicatorOf(new WasteRow("A", "H", HOUR, "hazardous", "HW08", "transferred", null, "JS01", 1)))
        .extracting(Indicator::code).isEqualTo("hazardous_waste_to_handlers_t");
    assertThat(WasteToParts.indicatorOf(new WasteRow("A", "H", HOUR, "hazardous", "HW08", "disposed", null, null, 1)))
        .extracting(Indicator::code).isEqualTo("hazardous_waste_disposed_t");
    assertThat(WasteToParts.indicatorOf(new WasteRow("A", "G", HOUR, "general", null, "generated", null, null, 1)))
        .extracting(Indicator::code).isEqualTo("solid_waste_generated_t");
  }

  @Test
  void aFlowBelongsToEachParkItTouchesWithItsDirectionThere() {
    assertThat(FlowParts.directions("SIP", "SIP")).containsExactly(Map.entry("SIP", "internal"));
    assertThat(FlowParts.directions("SIP", "YC")).containsExactly(Map.entry("YC", "in"), Map.entry("SIP", "out"));
    assertThat(FlowParts.directions(null, "SIP")).containsExactly(Map.entry("SIP", "in"));
    assertThat(FlowParts.directions("SIP", null)).containsExactly(Map.entry("SIP", "out"));
    List<IndicatorPart> parts = new FlowParts.OfMeters(REFERENCE).parts(REFERENCE.meter("A-RW").orElseThrow(),
        new MeterHour("A-RW", HOUR, 50));
    assertThat(parts).singleElement().satisfies(part -> {
      assertThat(FlowParts.toRecord(new io.parkloop.jobs.records.IndicatorRow(part.scopeType, part.scopeId, "day",
          part.periodStart, part.indicator, part.unit, part.micros / 1e6)))
          .satisfies(flow -> {
            assertThat(flow.park()).isEqualTo("SIP");
            assertThat(flow.source()).isEqualTo("SIP-WWTP");
            assertThat(flow.target()).isEqualTo("A");
            assertThat(flow.direction()).isEqualTo("internal");
            assertThat(flow.value()).isEqualTo(50.0);
          });
    });
  }
}
