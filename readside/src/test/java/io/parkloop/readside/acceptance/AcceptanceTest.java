package io.parkloop.readside.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parkloop.readside.acceptance.ParkResult.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AcceptanceTest {
  private final Map<String, ParkResult> results = ParkSet.assessed().stream()
      .collect(Collectors.toMap(result -> result.park().id(), Function.identity()));

  @Test
  void everyParkOnceInTheOrderGiven() {
    assertThat(ParkSet.assessed()).extracting(result -> result.park().id())
        .containsExactly("SIP", "CZBJ", "WX", "NTEDZ", "XZ", "YCEP");
  }

  @Test
  void aParkPassesWhenEveryTargetReachesNinetyPercent() {
    ParkResult sip = results.get("SIP");
    assertThat(sip.status()).isEqualTo(Status.PASSES);
    assertThat(sip.targets()).extracting(TargetResult::indicator)
        .containsExactly("cod_intensity", "energy_output_rate", "water_reuse_rate");
    assertThat(completion(sip, "energy_output_rate")).isCloseTo(0.96, within(1e-12));
    assertThat(completion(sip, "water_reuse_rate")).isCloseTo(0.9375, within(1e-12));
    // an intensity is better when smaller: target ÷ actual
    assertThat(completion(sip, "cod_intensity")).isCloseTo(0.5 / 0.52, within(1e-12));
  }

  @Test
  void aSmallerIsBetterIndicatorAboveItsTargetFails() {
    ParkResult czbj = results.get("CZBJ");
    TargetResult intensity = czbj.targets().get(0);
    assertThat(intensity.direction()).isEqualTo(Direction.SMALLER_IS_BETTER);
    assertThat(intensity.completion()).isCloseTo(0.8, within(1e-12));
    assertThat(intensity.status()).isEqualTo(TargetResult.Status.FAILS);
    assertThat(czbj.status()).isEqualTo(Status.FAILS);
    assertThat(czbj.reason()).isEqualTo("below 90 %: energy_intensity");
  }

  @Test
  void zeroDischargeReachesALoadTarget() {
    TargetResult cod = results.get("WX").targets().get(0);
    assertThat(cod.completion()).isInfinite();
    assertThat(cod.status()).isEqualTo(TargetResult.Status.PASSES);
    assertThat(results.get("WX").passes()).isTrue();
  }

  @Test
  void exactlyNinetyPercentPassesAndAMissingActualLeavesTheParkIncomplete() {
    ParkResult ntedz = results.get("NTEDZ");
    assertThat(status(ntedz, "energy_output_rate")).isEqualTo(TargetResult.Status.PASSES);
    TargetResult cod = ntedz.targets().stream().filter(t -> t.indicator().equals("cod_kg")).findFirst().orElseThrow();
    assertThat(cod.status()).isEqualTo(TargetResult.Status.NO_DATA);
    assertThat(cod.actual()).isNull();
    assertThat(cod.completion()).isNull();
    assertThat(ntedz.status()).isEqualTo(Status.INCOMPLETE);
    assertThat(ntedz.reason()).isEqualTo("no data: cod_kg");
    assertThat(ntedz.passes()).isFalse();
  }

  @Test
  void aFailedTargetOutweighsAMissingOne() {
    ParkResult both = Acceptance.park(ParkSet.PARKS.get(0), 2026, false, List.of(
        Acceptance.judge(ParkSet.TARGETS.get(0), null),
        Acceptance.judge(ParkSet.TARGETS.get(0), new ActualValue("SIP", "energy_output_rate", 1.0, "10k CNY/tce"))));
    assertThat(both.status()).isEqualTo(Status.FAILS);
  }

  @Test
  void aParkWithoutTargetsForTheYearIsNotAssessed() {
    ParkResult yc = results.get("YCEP");
    assertThat(yc.status()).isEqualTo(Status.NO_TARGETS);
    assertThat(yc.targets()).isEmpty();
    assertThat(yc.reason()).isEqualTo("no targets for 2026");
  }

  @Test
  void theYearIsInProgressUntilNewYearInShanghai() {
    assertThat(AcceptanceQueries.inProgress(2026, Instant.parse("2026-12-31T15:59:59Z"))).isTrue();
    assertThat(AcceptanceQueries.inProgress(2026, Instant.parse("2026-12-31T16:00:00Z"))).isFalse();
  }

  @Test
  void directions() {
    assertThat(Direction.of("land_output_rate")).isEqualTo(Direction.BIGGER_IS_BETTER);
    assertThat(Direction.of("water_reuse_rate")).isEqualTo(Direction.BIGGER_IS_BETTER);
    assertThat(Direction.of("energy_tce")).isEqualTo(Direction.SMALLER_IS_BETTER);
    assertThat(Direction.of("nox_kg")).isEqualTo(Direction.SMALLER_IS_BETTER);
    assertThat(Direction.of("energy_intensity")).isEqualTo(Direction.SMALLER_IS_BETTER);
  }

  @Test
  void directionsOfTheCircularLinks() {
    assertThat(Direction.of("solid_waste_utilization_rate")).isEqualTo(Direction.BIGGER_IS_BETTER);
    assertThat(Direction.of("solid_waste_utilized_t")).isEqualTo(Direction.BIGGER_IS_BETTER);
    assertThat(Direction.of("waste_exchanged_t")).isEqualTo(Direction.BIGGER_IS_BETTER);
    assertThat(Direction.of("hazardous_waste_disposed_t")).isEqualTo(Direction.SMALLER_IS_BETTER);
    assertThat(Direction.of("solid_waste_generated_t")).isEqualTo(Direction.SMALLER_IS_BETTER);
    // a target of 80 % utilisation, 72 % reached: 90 % complete, the acceptance threshold
    assertThat(Direction.of("solid_waste_utilization_rate").completion(72, 80)).isEqualTo(0.9);
  }

  private static double completion(ParkResult result, String indicator) {
    return target(result, indicator).completion();
  }

  private static TargetResult.Status status(ParkResult result, String indicator) {
    return target(result, indicator).status();
  }

  private static TargetResult target(ParkResult result, String indicator) {
    return result.targets().stream().filter(t -> t.indicator().equals(indicator)).findFirst().orElseThrow();
  }
}
