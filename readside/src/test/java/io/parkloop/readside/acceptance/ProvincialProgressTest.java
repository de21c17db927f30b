package io.parkloop.readside.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parkloop.reference.Province;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvincialProgressTest {
  private final List<ProgressFigure> figures = ProvincialProgress.of(ParkSet.assessed());

  @Test
  void provinceThenRegionsSouthToNorthThenCities() {
    assertThat(figures).extracting(f -> f.scopeType() + ":" + f.scopeId() + ":" + f.level()).startsWith(
        "province:" + Province.NAME + ":national", "province:" + Province.NAME + ":provincial",
        "region:苏南:national", "region:苏南:provincial", "region:苏中:national",
        "region:苏北:national", "region:苏北:provincial");
    assertThat(figures).filteredOn(f -> f.scopeType().equals("city")).hasSize(6);
  }

  @Test
  void theProvinceAgainstSeventyAndFiftyPercent() {
    ProgressFigure national = figure("province", Province.NAME, "national");
    assertThat(national.passing()).containsExactly("SIP");
    assertThat(national.notPassing()).containsExactly("NTEDZ", "XZ");
    assertThat(national.share()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(national.goal()).isEqualTo(0.70);
    assertThat(national.meetsGoal()).isFalse();

    ProgressFigure provincial = figure("province", Province.NAME, "provincial");
    // the park without targets counts in the denominator: it has not shown it passes
    assertThat(provincial.passing()).containsExactly("WX");
    assertThat(provincial.notPassing()).containsExactly("CZBJ", "YCEP");
    assertThat(provincial.goal()).isEqualTo(0.50);
  }

  @Test
  void regionsAndCitiesWithTheProvinceToCompareWith() {
    ProgressFigure south = figure("region", "苏南", "provincial");
    assertThat(south.passing()).containsExactly("WX");
    assertThat(south.notPassing()).containsExactly("CZBJ");
    assertThat(south.share()).isEqualTo(0.5);
    assertThat(south.meetsGoal()).isTrue();
    assertThat(south.provinceShare()).isCloseTo(1.0 / 3, within(1e-12));

    assertThat(figure("region", "苏南", "national").share()).isEqualTo(1.0);
    assertThat(figure("region", "苏中", "national").share()).isZero();
    assertThat(figure("city", "盐城", "provincial").notPassing()).containsExactly("YCEP");
  }

  @Test
  void noRowForALevelAnAreaHasNoParksOf() {
    assertThat(figures).noneMatch(f -> f.scopeId().equals("苏中") && f.level().equals("provincial"));
  }

  private ProgressFigure figure(String scopeType, String scopeId, String level) {
    return figures.stream()
        .filter(f -> f.scopeType().equals(scopeType) && f.scopeId().equals(scopeId) && f.level().equals(level))
        .findFirst().orElseThrow();
  }
}
