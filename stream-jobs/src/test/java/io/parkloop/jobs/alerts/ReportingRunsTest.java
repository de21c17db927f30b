package io.parkloop.jobs.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportingRunsTest {
  private static final long SPAN = 60;

  private static ReportingRuns of(long... timestamps) {
    ReportingRuns runs = new ReportingRuns();
    for (long t : timestamps) {
      runs.add(t, SPAN);
    }
    return runs;
  }

  private static String show(ReportingRuns runs) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < runs.size; i++) {
      out.append(i == 0 ? "" : " ").append(runs.first[i]).append('-').append(runs.last[i]);
    }
    return out.toString();
  }

  @Test
  void neighboursWithinTheSpanMakeOneRunAndLongerGapsSeparateRuns() {
    assertThat(show(of(0, 30, 90, 200, 260, 400))).isEqualTo("0-90 200-260 400-400");
  }

  @Test
  void anyOrderGivesTheSameRuns() {
    assertThat(show(of(400, 90, 260, 0, 200, 30, 30))).isEqualTo("0-90 200-260 400-400");
  }

  @Test
  void aTimestampInAGapExtendsSplitsOrBridgesIt() {
    assertThat(show(of(0, 200, 150))).as("extends the later run").isEqualTo("0-0 150-200");
    assertThat(show(of(0, 200, 100))).as("splits the gap in two").isEqualTo("0-0 100-100 200-200");
    assertThat(show(of(0, 110, 55))).as("bridges it").isEqualTo("0-110");
  }

  @Test
  void runsBeforeGapsThatEndedBeforeTheHorizonAreSettled() {
    ReportingRuns runs = of(0, 200, 400);
    assertThat(runs.settledBefore(200)).isZero();
    assertThat(runs.settledBefore(201)).isEqualTo(1);
    assertThat(runs.settledBefore(10_000)).isEqualTo(2);
    runs.removeFirst(2);
    assertThat(show(runs)).isEqualTo("400-400");
  }
}
