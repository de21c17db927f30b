package io.parkloop.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReferenceLoaderTest {
  private static final String SPEC_EXAMPLE = """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
      enterprises:
        - {id: E001, park: SIP, name: 示例企业, industry: C26}
      meters:          # energy and water meters
        - {id: E001-ELEC, enterprise: E001, medium: electricity, reading: cumulative, unit: kWh, rollover: 99999999}
        - {id: E001-GAS,  enterprise: E001, medium: natural_gas, reading: cumulative, unit: m3}
        - {id: E001-STM,  enterprise: E001, medium: steam,       reading: interval,   unit: t, interval: 15m}
        - {id: E001-FW,   enterprise: E001, medium: fresh_water, reading: cumulative, unit: m3}
        - {id: E001-RW,   enterprise: E001, medium: recycled_water, reading: cumulative, unit: m3}
      outlets:
        - id: E001-WW1
          enterprise: E001
          type: water
          mn: "88888880000001"
          limits_mg_per_l: {w01018: 50, w21003: 5}
      permits:
        - {enterprise: E001, factor: w01018, tonnes_per_year: 12.0}
      targets:
        - {park: SIP, year: 2026, indicator: energy_output_rate, target: 2.5}
      """;

  @Test
  void readsTheSpecExample() {
    ReferenceData data = ReferenceLoader.parse("reference.yaml", SPEC_EXAMPLE);

    assertThat(data.park("SIP")).get().extracting(Park::region).isEqualTo(Region.SOUTH);
    assertThat(data.meter("E001-ELEC")).get().satisfies(m -> {
      assertThat(m.cumulative()).isTrue();
      assertThat(m.rollover()).isEqualTo(99999999.0);
      assertThat(m.medium()).isEqualTo(Medium.ELECTRICITY);
    });
    assertThat(data.meter("E001-STM")).get().extracting(Meter::interval).isEqualTo(Duration.ofMinutes(15));
    assertThat(data.outletByMn("88888880000001")).get().extracting(Outlet::limits)
        .satisfies(limits -> assertThat(limits).containsEntry("w01018", 50.0).containsEntry("w21003", 5.0));
    assertThat(data.permits()).containsExactly(new Permit("E001", "w01018", 12.0));
    assertThat(data.targets()).containsExactly(new Target("SIP", 2026, "energy_output_rate", 2.5));
    assertThat(data.parkOf("E001").id()).isEqualTo("SIP");
  }

  @Test
  void readsAnOutletsTreatmentAndProductionEquipmentWithItsIdlePower() {
    ReferenceData data = ReferenceLoader.parse("reference.yaml", """
        parks:
          - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
        enterprises:
          - {id: E1, park: SIP}
        outlets:
          - {id: E1-WW1, enterprise: E1, type: water, mn: "1", treatment_equipment: [e30101, e30102],
             production_equipment: [e30201], idle_kw: 2.5}
          - {id: E1-WW2, enterprise: E1, type: water, mn: "2"}
        """);

    assertThat(data.outlets()).extracting(Outlet::treatmentEquipment, Outlet::productionEquipment, Outlet::idleKw)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(java.util.List.of("e30101", "e30102"),
                java.util.List.of("e30201"), 2.5),
            org.assertj.core.groups.Tuple.tuple(java.util.List.of(), java.util.List.of(), Outlet.DEFAULT_IDLE_KW));
  }

  @Test
  void readsAProvinceSizedFileOfOverThreeMegabytes() {
    StringBuilder yaml = new StringBuilder("""
        parks:
          - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
        enterprises:
          - {id: E001, park: SIP}
        meters:
        """);
    for (int i = 0; i < 50_000; i++) {
      yaml.append("  - {id: E001-M").append(i).append(", enterprise: E001, medium: electricity, reading: cumulative, unit: kWh}\n");
    }
    assertThat(yaml.length()).isGreaterThan(3 * 1024 * 1024);

    assertThat(ReferenceLoader.parse("province.yaml", yaml.toString()).meters()).hasSize(50_000);
  }

  @Test
  void namesFileLineAndKeyOfAnUnconvertibleUnit() {
    String yaml = SPEC_EXAMPLE.replace("medium: natural_gas, reading: cumulative, unit: m3", "medium: natural_gas, reading: cumulative, unit: kWh");

    assertThatThrownBy(() -> ReferenceLoader.parse("reference.yaml", yaml))
        .isInstanceOf(ReferenceDataException.class)
        .hasMessageStartingWith("reference.yaml:7: meters[1].unit: 'kWh' does not convert to 'm3'");
  }

  @Test
  void namesAnUnknownParkOfAnEnterprise() {
    String yaml = SPEC_EXAMPLE.replace("{id: E001, park: SIP", "{id: E001, park: XYZ");

    assertThatThrownBy(() -> ReferenceLoader.parse("ref.yaml", yaml))
        .isInstanceOfSatisfying(ReferenceDataException.class, e -> {
          assertThat(e.line()).isEqualTo(4);
          assertThat(e.key()).isEqualTo("enterprises[0].park");
          assertThat(e.getMessage()).contains("unknown park 'XYZ'");
        });
  }

  @Test
  void namesAMissingKey() {
    String yaml = SPEC_EXAMPLE.replace(", level: national", "");

    assertThatThrownBy(() -> ReferenceLoader.parse("ref.yaml", yaml))
        .hasMessage("ref.yaml:2: parks[0]: missing required key 'level'");
  }

  @Test
  void reportsSyntaxErrorsWithTheirLine() {
    assertThatThrownBy(() -> ReferenceLoader.parse("ref.yaml", "parks:\n  - {id: SIP\nenterprises: []\n"))
        .isInstanceOfSatisfying(ReferenceDataException.class, e -> assertThat(e.line()).isEqualTo(3));
  }

  @Test
  void rejectsACityOutsideTheProvince() {
    String yaml = SPEC_EXAMPLE.replace("city: 苏州", "city: 上海");

    assertThatThrownBy(() -> ReferenceLoader.parse("ref.yaml", yaml))
        .hasMessageContaining("ref.yaml:2: parks[0].city: '上海' is not one of the 13 prefecture cities");
  }

  @Test
  void rejectsADuplicateMeterId() {
    String yaml = SPEC_EXAMPLE.replace("{id: E001-GAS,", "{id: E001-ELEC,");

    assertThatThrownBy(() -> ReferenceLoader.parse("ref.yaml", yaml))
        .hasMessageContaining("ref.yaml:7: meters[1].id: duplicate id 'E001-ELEC'");
  }

  /** Found by ReferenceLoaderFuzzTest: a NumberFormatException and an ArithmeticException escaped. */
  @Test
  void namesAnIntervalTooLongForADuration() {
    for (String interval : new String[] {"99999999999999999999d", "9999999999999999d"}) {
      String yaml = SPEC_EXAMPLE.replace("interval: 15m", "interval: " + interval);

      assertThatThrownBy(() -> ReferenceLoader.parse("ref.yaml", yaml))
          .hasMessage("ref.yaml:8: meters[2].interval: duration '" + interval + "' is too long");
    }
  }

  /** Found by ReferenceLoaderFuzzTest: SnakeYAML's ReaderException escaped. */
  @Test
  void namesTheLineOfAControlCharacter() {
    assertThatThrownBy(() -> ReferenceLoader.parse("ref.yaml", "parks: [\n  \u0001 - {\n"))
        .hasMessage("ref.yaml:2: (characters): character U+0001 is not allowed in YAML");
  }

  /** Found by ReferenceLoaderFuzzTest: the error named an empty key. */
  @Test
  void namesTheDocumentWhenItIsNoMapping() {
    assertThatThrownBy(() -> ReferenceLoader.parse("ref.yaml", "- just\n- a list\n"))
        .hasMessage("ref.yaml:1: (document): expected a mapping of keys to values");
  }
}
