package io.parkloop.launcher.bench;

import java.util.Comparator;
import java.util.List;

/**
 * The raw rate of each stage alone, in readings per second, and the end-to-end rate as a share
 * of the slowest: how close the chain comes to its weakest link. On a machine where every stage
 * runs on the same few cores they do not work side by side but take turns, so the chain's
 * ceiling there is lower than the slowest stage: one reading costs the sum of what it costs in
 * each stage, {@code 1 / Σ (1 / rate)}, given as {@code sharedCoresCeiling}.
 */
public record StageResults(List<Stage> stages, String slowest, Double endToEndShareOfSlowest,
    double sharedCoresCeiling, Double endToEndShareOfSharedCoresCeiling) {

  /**
   * @param readings readings through the stage (for PostgreSQL: the indicator rows that many
   *     readings make, see {@code rows})
   * @param rows rows written, for the database stage; 0 elsewhere
   */
  public record Stage(String name, String measures, long readings, long rows, double seconds, double readingsPerS) {}

  public static StageResults of(List<Stage> stages, Double endToEndPerS) {
    Stage slowest = stages.stream().min(Comparator.comparingDouble(Stage::readingsPerS)).orElseThrow();
    double ceiling = 1 / stages.stream().mapToDouble(stage -> 1 / stage.readingsPerS()).sum();
    return new StageResults(stages, slowest.name(), share(endToEndPerS, slowest.readingsPerS()), Math.round(ceiling),
        share(endToEndPerS, ceiling));
  }

  private static Double share(Double rate, double of) {
    return rate == null ? null : Math.round(rate / of * 1000) / 1000.0;
  }
}
