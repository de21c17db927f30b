package io.parkloop.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchLadderTest {
  private static final BenchResult.Machine MACHINE = new BenchResult.Machine(2, 24_000, "test", "0", "0");

  /** A chain that holds up to {@code limit} readings/s and keeps up exactly with what is offered. */
  private static BenchLadder.Runner chainHolding(double limit, List<Double> offeredRates) {
    return offered -> {
      offeredRates.add(offered);
      boolean holds = offered <= limit;
      return new BenchLadder.Rung(offered, offered, holds ? offered : offered / 2, holds ? 800L : 9_000L, 1_000,
          holds ? 1.5 : 60, 100, true, holds);
    };
  }

  @Test
  void climbsByTheFactorThenBisectsBetweenTheLastHeldAndTheFirstFailed() throws Exception {
    List<Double> offered = new ArrayList<>();
    BenchLadder ladder = BenchLadder.climb(1_000, 2, 2, chainHolding(5_000, offered), MACHINE);

    // 1,000, 2,000, 4,000 held, 8,000 not; then 6,000 (not held), 5,000 (held)
    assertThat(offered).containsExactly(1_000.0, 2_000.0, 4_000.0, 8_000.0, 6_000.0, 5_000.0);
    assertThat(ladder.held()).isEqualTo(5_000);
    assertThat(ladder.failed()).isEqualTo(6_000);
  }

  @Test
  void aFirstRateNotHeldEndsTheLadderWithNothingHeld() throws Exception {
    List<Double> offered = new ArrayList<>();
    BenchLadder ladder = BenchLadder.climb(1_000, 1.5, 3, chainHolding(500, offered), MACHINE);

    assertThat(offered).containsExactly(1_000.0);
    assertThat(ladder.held()).isZero();
  }

  @Test
  void aRateIsHeldOnlyWithFreshnessKeptUpAndCorrectTotals() {
    assertThat(BenchLadder.Rung.holds(5.0, 2_000L, true)).isTrue();
    assertThat(BenchLadder.Rung.holds(1.0, 2_001L, true)).as("p99 over 2 s").isFalse();
    assertThat(BenchLadder.Rung.holds(5.1, 500L, true)).as("a backlog left 5.1 s after the last send").isFalse();
    assertThat(BenchLadder.Rung.holds(Double.POSITIVE_INFINITY, 500L, true)).as("never complete").isFalse();
    assertThat(BenchLadder.Rung.holds(1.0, 500L, false)).as("a wrong total").isFalse();
    assertThat(BenchLadder.Rung.holds(1.0, null, true)).as("no freshness sample").isFalse();
  }
}
