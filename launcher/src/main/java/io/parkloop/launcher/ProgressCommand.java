package io.parkloop.launcher;

import io.parkloop.launcher.pipeline.DatabaseOptions;
import io.parkloop.readside.acceptance.AcceptanceQueries;
import io.parkloop.readside.acceptance.AcceptanceTables;
import io.parkloop.readside.acceptance.ParkResult;
import io.parkloop.readside.acceptance.ProvincialProgress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code parkloop progress}: the share of parks passing acceptance against the province's goals. */
@Command(name = "progress", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"The province's progress for a year: the share of national-level parks (goal 70 %%) and of "
        + "provincial-level parks (goal 50 %%) that pass acceptance, for the province, each region (苏南/苏中/苏北) "
        + "and each city, with the parks behind each figure.",
        "Every park of a level counts, also one without targets or data: it has not shown that it passes."})
final class ProgressCommand implements Callable<Integer> {
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
    output.write(AcceptanceTables.progress(year, AcceptanceQueries.inProgress(year, now),
        ProvincialProgress.of(results)));
    return 0;
  }
}
