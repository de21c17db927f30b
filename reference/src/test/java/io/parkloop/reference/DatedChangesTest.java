package io.parkloop.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A park's land area and a meter's standard-coal factor can change from a day on ({@code changes}
 * with {@code valid_from}): the value in force is picked by the time of the reading or period,
 * midnight Asia/Shanghai being the boundary.
 */
class DatedChangesTest {
  private static final String YAML = """
      parks:
        - id: SIP
          name: 苏州工业园区
          city: 苏州
          level: national
          land_area_km2: 278.0
          changes:
            - {valid_from: 2026-07-01, land_area_km2: 290.0}
            - {valid_from: 2027-01-01, land_area_km2: 300.5}
      enterprises:
        - {id: E1, park: SIP}
      meters:
        - id: E1-GAS
          enterprise: E1
          medium: natural_gas
          reading: cumulative
          unit: m3
          changes:
            - {valid_from: 2026-03-15, standard_coal_factor: 1.33}
        - {id: E1-ELEC, enterprise: E1, medium: electricity, reading: cumulative, unit: kWh}
      """;

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void theValueInForceIsTheLastChangeWhoseShanghaiDayHasBegun() {
    ReferenceData data = ReferenceLoader.parse("reference.yaml", YAML);
    Park park = data.parks().get(0);

    // 2026-07-01 00:00 in Shanghai is 2026-06-30T16:00Z
    assertThat(park.landAreaKm2At(at("2026-06-30T15:59:59.999Z"))).isEqualTo(278.0);
    assertThat(park.landAreaKm2At(at("2026-06-30T16:00:00Z"))).isEqualTo(290.0);
    assertThat(park.landAreaKm2At(at("2026-12-31T15:59:59.999Z"))).isEqualTo(290.0);
    assertThat(park.landAreaKm2At(at("2026-12-31T16:00:00Z"))).isEqualTo(300.5);
    assertThat(park.landAreaKm2At(Long.MIN_VALUE)).isEqualTo(278.0);
    assertThat(park.landAreaKm2().on(LocalDate.parse("2026-07-01"))).isEqualTo(290.0);
    assertThat(park.landAreaKm2().changes()).containsExactly(
        new Versions.Change(LocalDate.parse("2026-07-01"), 290.0), new Versions.Change(LocalDate.parse("2027-01-01"), 300.5));

    // the gas meter has no own factor before its change: GB/T 2589's 1.2143 kgce/m³ until then
    Meter gas = data.meter("E1-GAS").orElseThrow();
    assertThat(gas.tcePerUnit(at("2026-03-14T15:59:59Z"))).isCloseTo(0.0012143, within(1e-12));
    assertThat(gas.tcePerUnit(at("2026-03-14T16:00:00Z"))).isCloseTo(0.00133, within(1e-12));
    assertThat(data.meter("E1-ELEC").orElseThrow().coalFactorKgce()).isNull();
  }

  @Test
  void aParkIsEqualOnlyToOneWithTheSameChanges() {
    Park park = ReferenceLoader.parse("reference.yaml", YAML).parks().get(0);
    assertThat(ReferenceLoader.parse("reference.yaml", YAML).parks().get(0)).isEqualTo(park);
    assertThat(ReferenceLoader.parse("reference.yaml", YAML.replace("300.5", "301.0")).parks().get(0)).isNotEqualTo(park);
  }

  @Test
  void badChangesNameTheirLineAndKey() {
    List.of(
        List.of(YAML.replace("2027-01-01", "2026-07-01"),
            "reference.yaml:9: parks[0].changes[1].valid_from: valid_from 2026-07-01 is not after the previous change's 2026-07-01"),
        List.of(YAML.replace("2027-01-01", "2027-13-01"),
            "reference.yaml:9: parks[0].changes[1].valid_from: expected a day such as 2026-07-01, got '2027-13-01'"),
        List.of(YAML.replace("land_area_km2: 300.5", "area: 300.5"),
            "reference.yaml:9: parks[0].changes[1]: missing required key 'land_area_km2'"),
        List.of(YAML.replace("land_area_km2: 290.0", "land_area_km2: -1"),
            "reference.yaml:8: parks[0].changes[0].land_area_km2: must be greater than 0, got -1"),
        List.of(YAML.replace("medium: natural_gas", "medium: fresh_water"),
            "reference.yaml:19: meters[0].changes: only an energy meter's standard_coal_factor changes; fresh_water has none"))
        .forEach(bad -> assertThatThrownBy(() -> ReferenceLoader.parse("reference.yaml", bad.get(0)))
            .as(bad.get(1)).hasMessageStartingWith(bad.get(1)));
  }
}
