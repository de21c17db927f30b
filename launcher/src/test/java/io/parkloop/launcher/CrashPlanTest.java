package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrashPlanTest {
  private final CrashPlan plan = new CrashPlan(42, true, Duration.ofSeconds(100), 12, Duration.ofSeconds(60),
      Duration.ofSeconds(15));

  @Test
  void killPointsAreDistinctAscendingInsideTheStreamAndTheSameForTheSameSeed() {
    List<Integer> points = plan.killPoints(1_733);

    assertThat(points).hasSize(12).doesNotHaveDuplicates().isSorted()
        .allSatisfy(point -> assertThat(point).isBetween(173, 1_560));
    assertThat(plan.killPoints(1_733)).isEqualTo(points);
    assertThat(new CrashPlan(43, true, Duration.ofSeconds(100), 12, Duration.ofSeconds(60), Duration.ofSeconds(15))
        .killPoints(1_733)).isNotEqualTo(points);
  }

  @Test
  void outagePointsFallInTheMiddleHalfAndDifferByScenario() {
    assertThat(plan.outagePoint(1_000, "kafka")).isBetween(250, 750);
    assertThat(plan.outagePoint(1_000, "kafka")).isEqualTo(plan.outagePoint(1_000, "kafka"));
  }

  @Test
  void killPhasesFallInsideOneCheckpointInterval() {
    assertThat(plan.killPhasesMillis(Duration.ofSeconds(10))).hasSize(12)
        .allSatisfy(phase -> assertThat(phase).isBetween(0L, 9_999L));
  }
}
