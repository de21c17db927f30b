package io.parkloop.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UnitsTest {
  @Test
  void convertsWithinADimension() {
    assertThat(Units.convert(1.5, "MWh", "kWh", Medium.ELECTRICITY)).isEqualTo(1500.0);
    assertThat(Units.convert(2500, "kg", "t", Medium.STEAM)).isEqualTo(2.5);
    assertThat(Units.convert(3, "GJ", "MJ", Medium.HEAT)).isEqualTo(3000.0);
    assertThat(Units.convert(7, "m³", "m3", Medium.NATURAL_GAS)).isEqualTo(7.0);
  }

  @Test
  void waterConvertsBetweenVolumeAndMassAtOneTonnePerCubicMetre() {
    assertThat(Units.convert(12, "t", "m3", Medium.FRESH_WATER)).isEqualTo(12.0);
    assertThat(Units.convert(3, "m3", "kg", Medium.RECYCLED_WATER)).isEqualTo(3000.0);
  }

  @Test
  void refusesToTurnGasVolumeIntoMass() {
    assertThatThrownBy(() -> Units.convert(1, "t", "m3", Medium.NATURAL_GAS))
        .hasMessage("'t' does not convert to 'm3' for natural_gas");
    assertThatThrownBy(() -> Units.convert(1, "furlong", "m3", Medium.FRESH_WATER))
        .hasMessage("unknown unit 'furlong'");
  }

  @Test
  void standardCoalFactorsOfGbT2589PerCanonicalUnit() {
    assertThat(Medium.ELECTRICITY.tcePerCanonicalUnit(0.1229)).isCloseTo(0.0001229, within(1e-12));
    assertThat(Medium.STEAM.tcePerCanonicalUnit(0.1286)).isCloseTo(0.1286, within(1e-12));
    assertThat(Medium.NATURAL_GAS.tcePerCanonicalUnit(1.2143)).isCloseTo(0.0012143, within(1e-12));
    assertThat(Medium.HEAT.tcePerCanonicalUnit(0.03412)).isCloseTo(0.03412, within(1e-12));
    assertThat(Medium.RAW_COAL.tcePerCanonicalUnit(0.7143)).isCloseTo(0.7143, within(1e-12));
  }

  @Test
  void aMeterMayOverrideItsFactor() {
    Meter standard = new Meter("m", "e", Medium.ELECTRICITY, true, "kWh", null, null, null);
    Meter overridden = new Meter("m", "e", Medium.ELECTRICITY, true, "kWh", null, null, 0.3);
    Meter water = new Meter("w", "e", Medium.FRESH_WATER, true, "m3", null, null, null);

    assertThat(standard.tcePerUnit(0)).isCloseTo(0.0001229, within(1e-12));
    assertThat(overridden.tcePerUnit(0)).isCloseTo(0.0003, within(1e-12));
    assertThat(water.tcePerUnit(0)).isZero();
  }
}
