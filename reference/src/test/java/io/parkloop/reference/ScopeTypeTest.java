package io.parkloop.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScopeTypeTest {
  @Test
  void theCodesAreTheSpecsWireStringsInRollUpOrder() {
    assertThat(ScopeType.values()).extracting(ScopeType::code)
        .containsExactly("enterprise", "park", "city", "region", "level", "province");
    assertThat(ScopeType.widerThanEnterprise()).extracting(ScopeType::code)
        .containsExactly("park", "city", "region", "level", "province");
  }

  @Test
  void everyCodeParsesBackToItsType() {
    for (ScopeType type : ScopeType.values()) {
      assertThat(ScopeType.of(type.code())).isSameAs(type);
    }
  }

  @Test
  void anUnknownCodeIsNamedInTheError() {
    assertThatThrownBy(() -> ScopeType.of("county")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown scope type 'county': expected one of enterprise, park, city, region, level, province");
  }
}
