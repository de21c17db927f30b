package io.parkloop.launcher;

import io.parkloop.launcher.pipeline.DatabaseOptions;
import io.parkloop.readside.acceptance.AcceptanceTables;
import io.parkloop.readside.acceptance.ParkResult;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code parkloop acceptance}: each park's targets of a year against its actual values (docs/acceptance.md). */
@Command(name = "acceptance", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"The acceptance assessment (考核验收) of every park for a year: one row per target with the "
        + "actual (the park's year value; year to date while the year runs), the completion (actual ÷ target for "
        + "output rates and reuse, target ÷ actual for intensities, loads and consumption) and pass at 90 %%; a "
        + "park passes when all its targets pass.",
        "Park results: passes | fails | incomplete (a target without data) | no_targets. Rules: docs/acceptance.md."})
final class AcceptanceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin AssessmentOptions assessment;
  @Mixin TableOutputOptions output;
  @Mixin DatabaseOptions database;

  @Override
  public Integer call() throws Exception {
    output.check(spec);
    Instant now = Instant.now();
    int year = assessment.year(now);
    List<ParkResult> results = assessment.assess(database, year, now);
    output.write(AcceptanceTables.acceptance(results));
    long passing = results.stream().filter(ParkResult::passes).count();
    System.err.printf("parkloop: %d%s: %d of %d parks pass%n", year,
        results.isEmpty() || !results.get(0).yearToDate() ? "" : " (year to date)", passing, results.size());
    return 0;
  }
}
