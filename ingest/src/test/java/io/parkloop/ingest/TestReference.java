package io.parkloop.ingest;

import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;

/** A small park with one enterprise of each kind of meter, for ingest tests. */
final class TestReference {
  static final ReferenceData DATA = ReferenceLoader.parse("test-reference.yaml", """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
      enterprises:
        - {id: E001, park: SIP, name: 示例企业}
        - {id: E002, park: SIP, name: 另一企业}
      meters:
        - {id: E001-ELEC, enterprise: E001, medium: electricity, reading: cumulative, unit: kWh, rollover: 99999999}
        - {id: E001-FW,   enterprise: E001, medium: fresh_water, reading: cumulative, unit: m3}
        - {id: E002-ELEC, enterprise: E002, medium: electricity, reading: cumulative, unit: MWh}
      outlets:
        - {id: E001-WW1, enterprise: E001, type: water, mn: "88888880000001", limits_mg_per_l: {w01018: 50}}
        - {id: E002-GAS1, enterprise: E002, type: air, mn: "88888880000002", limits_mg_per_m3: {a21026: 35}}
      """);

  private TestReference() {}
}
