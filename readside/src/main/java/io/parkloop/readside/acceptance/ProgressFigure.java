package io.parkloop.readside.acceptance;

import java.util.List;

/**
 * The share of one level's parks in one area that pass acceptance, against the level's goal.
 *
 * @param scopeType province, region or city
 * @param passing the ids of the parks that pass
 * @param notPassing the ids of the others (failing, incomplete or without targets)
 * @param provinceShare the province's share for the same level, to compare a region or city with
 */
public record ProgressFigure(String scopeType, String scopeId, String level, List<String> passing,
    List<String> notPassing, double goal, double provinceShare) {

  public int parks() {
    return passing.size() + notPassing.size();
  }

  /** Passing ÷ all parks of the level in the area, 0..1. */
  public double share() {
    return (double) passing.size() / parks();
  }

  public boolean meetsGoal() {
    return share() >= goal;
  }
}
