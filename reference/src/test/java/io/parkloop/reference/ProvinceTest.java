package io.parkloop.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The one check of the province's name and clock; every other test refers to these constants. */
class ProvinceTest {
  @Test
  void theProvinceIsJiangsu() {
    assertThat(Province.NAME).isEqualTo("江苏");
  }

  @Test
  void itsClockIsEightHoursAheadOfUtcInWinterAndSummer() {
    assertThat(Province.ZONE.getRules().getOffset(Instant.parse("2026-01-15T00:00:00Z"))).isEqualTo(ZoneOffset.ofHours(8));
    assertThat(Province.ZONE.getRules().getOffset(Instant.parse("2026-07-15T00:00:00Z"))).isEqualTo(ZoneOffset.ofHours(8));
    assertThat(Province.ZONE.getId()).isEqualTo("Asia/Shanghai");
  }
}
