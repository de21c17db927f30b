package io.parkloop.launcher.bench;

import java.util.Comparator;
import java.util.List;

/**
 * The raw rate of each stage alone, in readings per second, and the end-to-end rate as a share
 * of the slowest: how close the chain comes to its weakest link.
 */
public record StageResults(List<Stage> stages, String slowest, Double endToEndShareOfSlowest) {

  /**
   * @param readings readings through the stage (for PostgreSQL: the indicator rows that many
   *     readings make, see {@code rows})
   * @param rows rows written, for the database stage; 0 elsewhere
   */
  public record Stage(String name, String measures, long readings, long rows, double seconds, double readingsPerS) {}

  public static StageResults of(List<Stage> stages, Double endToEndPerS) {
    Stage slowest = stages.stream().min(Comparator.comparingDouble(Stage::readingsPerS)).orElseThrow();
    Double share = endToEndPerS == null ? null : Math.round(endToEndPerS / slowest.readingsPerS() * 1000) / 1000.0;
    return new StageResults(stages, slowest.name(), share);
  }
}
