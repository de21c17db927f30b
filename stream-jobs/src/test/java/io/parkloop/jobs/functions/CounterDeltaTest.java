package io.parkloop.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CounterDeltaTest {
  @Test
  void aGrowingCounterGivesTheDifference() {
    assertThat(CounterDelta.of(152_340.5, 152_400.0, null)).isEqualTo(59.5);
    assertThat(CounterDelta.isReset(152_340.5, 152_400.0, null)).isFalse();
  }

  @Test
  void aCounterThatGoesDownWithARolloverRolledOver() {
    assertThat(CounterDelta.of(99_999_000, 500, 99_999_999.0)).isEqualTo(1_499.0);
    assertThat(CounterDelta.isReset(99_999_000, 500, 99_999_999.0)).isFalse();
  }

  @Test
  void aCounterThatGoesDownWithoutARolloverWasResetAndCountsFromZero() {
    assertThat(CounterDelta.of(5_000, 30, null)).isEqualTo(30.0);
    assertThat(CounterDelta.isReset(5_000, 30, null)).isTrue();
  }
}
