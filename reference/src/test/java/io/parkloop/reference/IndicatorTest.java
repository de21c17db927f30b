package io.parkloop.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class IndicatorTest {
  @Test
  void everyCodeParsesBackToItsIndicatorAndNoCodeIsTakenTwice() {
    for (Indicator indicator : Indicator.values()) {
      assertThat(Indicator.of(indicator.code())).contains(indicator);
    }
    assertThat(Arrays.stream(Indicator.values()).map(Indicator::code)).doesNotHaveDuplicates();
    assertThat(Indicator.of("steam_t_supplied")).isEmpty();
  }

  @Test
  void unitsAreTheSpecsTable() {
    assertThat(Indicator.ENERGY_TCE.unit()).isEqualTo("tce");
    assertThat(Indicator.WATER_REUSE_RATE.unit()).isEqualTo("%");
    assertThat(Indicator.VALUE_ADDED_10K_CNY.unit()).isEqualTo("10k CNY");
    assertThat(Indicator.ENERGY_OUTPUT_RATE.unit()).isEqualTo("10k CNY/tce");
    assertThat(Indicator.WATER_OUTPUT_RATE.unit()).isEqualTo("CNY/m3");
    assertThat(Indicator.LAND_OUTPUT_RATE.unit()).isEqualTo("100M CNY/km2");
    assertThat(Indicator.COD_INTENSITY.unit()).isEqualTo("kg/10k CNY");
    assertThat(Indicator.NOX_KG.unit()).isEqualTo("kg");
  }

  /** SPEC "Acceptance": output rates and the reuse rate are bigger-is-better; intensities and loads smaller. */
  @Test
  void directionsAreTheSpecs() {
    assertThat(Indicator.ENERGY_OUTPUT_RATE.isBiggerBetter()).isTrue();
    assertThat(Indicator.LAND_OUTPUT_RATE.isBiggerBetter()).isTrue();
    assertThat(Indicator.WATER_REUSE_RATE.isBiggerBetter()).isTrue();
    assertThat(Indicator.SOLID_WASTE_UTILIZATION_RATE.isBiggerBetter()).isTrue();
    assertThat(Indicator.ENERGY_INTENSITY.isBiggerBetter()).isFalse();
    assertThat(Indicator.COD_INTENSITY.isBiggerBetter()).isFalse();
    assertThat(Indicator.SO2_KG.isBiggerBetter()).isFalse();
    assertThat(Indicator.ENERGY_TCE.isBiggerBetter()).isFalse();
  }

  @Test
  void kindsSayWhereTheValuesComeFrom() {
    assertThat(Indicator.STEAM_T.kind()).isEqualTo(Indicator.Kind.CONSUMPTION);
    assertThat(Indicator.ENERGY_TCE_SUPPLIED.kind()).isEqualTo(Indicator.Kind.LINK);
    assertThat(Indicator.MATERIAL_T.kind()).isEqualTo(Indicator.Kind.STATISTIC);
    assertThat(Indicator.NH3N_KG.kind()).isEqualTo(Indicator.Kind.LOAD);
    assertThat(Indicator.WASTE_EXCHANGED_T.kind()).isEqualTo(Indicator.Kind.WASTE);
    assertThat(Indicator.ENERGY_INTENSITY.kind()).isEqualTo(Indicator.Kind.DERIVED);
    for (Medium medium : Medium.values()) {
      assertThat(Indicator.of(medium.indicator())).get().extracting(Indicator::kind).isEqualTo(Indicator.Kind.CONSUMPTION);
    }
  }

  @Test
  void aLoadHasAnIntensityAndAFactor() {
    assertThat(Indicator.loadsByFactor()).containsEntry("w01018", Indicator.COD_KG).containsEntry("a34013", Indicator.PM_KG)
        .hasSize(5).doesNotContainKey("w00000");
    assertThat(Indicator.PM_KG.intensity()).isEqualTo(Indicator.PM_INTENSITY);
    assertThatThrownBy(Indicator.ENERGY_TCE::intensity).hasMessage("energy_tce is not a discharged load");
  }

  @Test
  void linkVariantsAppendTheirSuffix() {
    assertThat(Indicator.suppliedOf("steam_t")).isEqualTo("steam_t_supplied");
    assertThat(Indicator.ENERGY_TCE_EXCHANGED.code()).isEqualTo("energy_tce_exchanged");
  }

  @Test
  void aMediumIsCountedInItsIndicatorsUnit() {
    assertThat(Medium.STEAM.indicator()).isEqualTo("steam_t");
    assertThat(Medium.STEAM.canonicalUnit()).isEqualTo("t");
    assertThat(Medium.HEAT.canonicalUnit()).isEqualTo("GJ");
  }
}
