package io.parkloop.readside.acceptance;

import io.parkloop.reference.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The acceptance assessment (考核验收) of parks for one year: each target against the park's
 * actual value, passing at 90 % completion; a park passes when all its targets pass. Pure:
 * {@link AcceptanceQueries} reads the inputs.
 */
public final class Acceptance {
  /** The share of a target a park must reach (SPEC: at least 90 %). */
  public static final double PASS_COMPLETION = 0.90;
  /** Ratios computed in binary floating point land a hair below an exact 90 %. */
  private static final double TOLERANCE = 1e-12;

  private Acceptance() {}

  /** Every park, in the order given, with its targets of {@code year}. */
  public static List<ParkResult> assess(int year, boolean yearToDate, List<ParkInfo> parks, List<Target> targets,
      List<ActualValue> actuals) {
    Map<String, ActualValue> actualByKey = new HashMap<>();
    actuals.forEach(actual -> actualByKey.put(actual.park() + '|' + actual.indicator(), actual));
    List<ParkResult> results = new ArrayList<>();
    for (ParkInfo park : parks) {
      List<TargetResult> parkTargets = targets.stream()
          .filter(target -> target.year() == year && target.park().equals(park.id()))
          .sorted(Comparator.comparing(Target::indicator))
          .map(target -> judge(target, actualByKey.get(park.id() + '|' + target.indicator())))
          .toList();
      results.add(park(park, year, yearToDate, parkTargets));
    }
    return results;
  }

  static TargetResult judge(Target target, ActualValue actual) {
    Direction direction = Direction.of(target.indicator());
    if (actual == null) {
      return new TargetResult(target.indicator(), target.target(), null, null, direction, null,
          TargetResult.Status.NO_DATA, "no value of " + target.indicator() + " for " + target.year());
    }
    double completion = direction.completion(actual.value(), target.target());
    boolean passes = completion >= PASS_COMPLETION - TOLERANCE;
    String reason = Double.isInfinite(completion) ? "actual is 0: nothing left to reduce"
        : String.format(Locale.ROOT, "%.1f %% of target (%s)", completion * 100,
            direction == Direction.BIGGER_IS_BETTER ? "actual ÷ target" : "target ÷ actual");
    return new TargetResult(target.indicator(), target.target(), actual.value(), actual.unit(), direction,
        completion, passes ? TargetResult.Status.PASSES : TargetResult.Status.FAILS, reason);
  }

  static ParkResult park(ParkInfo park, int year, boolean yearToDate, List<TargetResult> targets) {
    if (targets.isEmpty()) {
      return new ParkResult(park, year, yearToDate, ParkResult.Status.NO_TARGETS, "no targets for " + year, targets);
    }
    List<String> failed = indicators(targets, TargetResult.Status.FAILS);
    List<String> noData = indicators(targets, TargetResult.Status.NO_DATA);
    if (!failed.isEmpty()) {
      return new ParkResult(park, year, yearToDate, ParkResult.Status.FAILS,
          "below 90 %: " + String.join(", ", failed), targets);
    }
    if (!noData.isEmpty()) {
      return new ParkResult(park, year, yearToDate, ParkResult.Status.INCOMPLETE,
          "no data: " + String.join(", ", noData), targets);
    }
    return new ParkResult(park, year, yearToDate, ParkResult.Status.PASSES,
        "every target at 90 % or more (" + targets.size() + ")", targets);
  }

  private static List<String> indicators(List<TargetResult> targets, TargetResult.Status status) {
    return targets.stream().filter(target -> target.status() == status).map(TargetResult::indicator).toList();
  }
}
