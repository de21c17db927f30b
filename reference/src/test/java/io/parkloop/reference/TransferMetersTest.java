package io.parkloop.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Transfer meters and park utilities in reference.yaml (SPEC "Links between enterprises"). */
class TransferMetersTest {
  private static final String CHP_PARK = """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
        - {id: YC, name: 盐城环保科技城, city: 盐城, level: provincial, land_area_km2: 50.0}
      enterprises:
        - {id: CHP, park: SIP, name: 热电厂}
        - {id: E1, park: SIP}
        - {id: Y1, park: YC}
      utilities:
        - {id: SIP-WWTP, park: SIP, name: 园区污水处理厂}
      meters:
        - {id: CHP-COAL, enterprise: CHP, medium: raw_coal, reading: interval, unit: t}
        - {id: E1-STM, enterprise: E1, medium: steam, reading: interval, unit: t, supplier: CHP}
        - {id: Y1-STM, enterprise: Y1, medium: steam, reading: interval, unit: t, supplier: CHP}
        - {id: E1-RW, enterprise: E1, medium: recycled_water, reading: cumulative, unit: m3, supplier: SIP-WWTP}
        - {id: E1-COG, enterprise: E1, medium: byproduct_gas, reading: cumulative, unit: m3, supplier: CHP, standard_coal_factor: 0.6}
      """;

  @Test
  void aMeterNamesItsSupplierAnEnterpriseOfAnyParkOrAUtility() {
    ReferenceData data = ReferenceLoader.parse("reference.yaml", CHP_PARK);

    assertThat(data.meter("E1-STM")).get().satisfies(m -> {
      assertThat(m.isTransfer()).isTrue();
      assertThat(m.supplier()).isEqualTo("CHP");
      assertThat(m.enterprise()).isEqualTo("E1");
    });
    assertThat(data.meter("Y1-STM").orElseThrow().supplier()).isEqualTo("CHP");
    assertThat(data.meter("E1-RW").orElseThrow().supplier()).isEqualTo("SIP-WWTP");
    assertThat(data.meter("CHP-COAL").orElseThrow().isTransfer()).isFalse();
    assertThat(data.utility("SIP-WWTP")).contains(new Utility("SIP-WWTP", "SIP", "园区污水处理厂"));
    // 0.6 kgce/m³ is 0.0006 tce/m³
    assertThat(data.meter("E1-COG").orElseThrow().tcePerUnit(0)).isEqualTo(0.0006);
  }

  @Test
  void namesAnUnknownSupplier() {
    String yaml = CHP_PARK.replace("unit: t, supplier: CHP}", "unit: t, supplier: CHP2}");

    assertThatThrownBy(() -> ReferenceLoader.parse("reference.yaml", yaml))
        .isInstanceOf(ReferenceDataException.class)
        .hasMessage("reference.yaml:12: meters[1].supplier: unknown supplier (enterprise or utility) 'CHP2'");
  }

  @Test
  void refusesASupplierThatIsTheConsumerItself() {
    String yaml = CHP_PARK.replace("{id: E1-STM, enterprise: E1, medium: steam, reading: interval, unit: t, supplier: CHP}",
        "{id: E1-STM, enterprise: E1, medium: steam, reading: interval, unit: t, supplier: E1}");

    assertThatThrownBy(() -> ReferenceLoader.parse("reference.yaml", yaml))
        .hasMessage("reference.yaml:12: meters[1].supplier: the supplier is the meter's own enterprise 'E1';"
            + " a transfer goes to another enterprise");
  }

  @Test
  void refusesASupplierOfAFuelOrOfFreshWater() {
    String yaml = CHP_PARK.replace("medium: raw_coal, reading: interval, unit: t}", "medium: raw_coal, reading: interval, unit: t, supplier: E1}");

    assertThatThrownBy(() -> ReferenceLoader.parse("reference.yaml", yaml))
        .hasMessage("reference.yaml:11: meters[0].supplier: raw_coal is not supplied between enterprises;"
            + " transfer media: electricity, steam, heat, compressed_air, byproduct_gas, recycled_water");
  }

  @Test
  void aByproductGasMeterMustStateItsFactor() {
    String yaml = CHP_PARK.replace(", standard_coal_factor: 0.6}", "}");

    assertThatThrownBy(() -> ReferenceLoader.parse("reference.yaml", yaml))
        .hasMessage("reference.yaml:15: meters[4].medium: byproduct_gas has no reference standard-coal factor:"
            + " give the meter its standard_coal_factor");
  }

  @Test
  void aUtilityIdMayNotRepeatAnEnterpriseId() {
    String yaml = CHP_PARK.replace("{id: SIP-WWTP, park: SIP", "{id: E1, park: SIP");

    assertThatThrownBy(() -> ReferenceLoader.parse("reference.yaml", yaml))
        .hasMessage("reference.yaml:9: utilities[0].id: 'E1' is already an enterprise id; a supplier id names one thing");
  }
}
