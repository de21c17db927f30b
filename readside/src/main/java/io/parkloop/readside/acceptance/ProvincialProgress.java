package io.parkloop.readside.acceptance;

import io.parkloop.reference.Province;
import io.parkloop.reference.ScopeType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The province's progress (SPEC "Acceptance and provincial progress"): per park level, the share
 * of parks that pass acceptance, for the province, each region (苏南/苏中/苏北) and each city,
 * against the goals of at least 70 % of national-level and 50 % of provincial-level parks. Every
 * park of the level counts in the denominator, also one that could not be assessed (no targets,
 * no data): it has not shown that it completed the transformation. Pure.
 */
public final class ProvincialProgress {
  public static final Map<String, Double> GOALS = Map.of("national", 0.70, "provincial", 0.50);
  private static final List<String> REGIONS = List.of("苏南", "苏中", "苏北");

  private ProvincialProgress() {}

  /**
   * Province rows first, then regions in south-central-north order, then cities by name; national
   * before provincial within each. Areas without parks of a level get no row for it.
   */
  public static List<ProgressFigure> of(List<ParkResult> results) {
    List<ProgressFigure> figures = new ArrayList<>();
    for (String level : List.of("national", "provincial")) {
      List<ParkResult> ofLevel = results.stream().filter(result -> result.park().level().equals(level)).toList();
      if (ofLevel.isEmpty()) {
        continue;
      }
      double provinceShare = (double) ofLevel.stream().filter(ParkResult::passes).count() / ofLevel.size();
      figures.add(figure(ScopeType.PROVINCE, Province.NAME, level, ofLevel, provinceShare));
      groups(ofLevel, ParkInfo::region).forEach((region, parks) ->
          figures.add(figure(ScopeType.REGION, region, level, parks, provinceShare)));
      groups(ofLevel, ParkInfo::city).forEach((city, parks) ->
          figures.add(figure(ScopeType.CITY, city, level, parks, provinceShare)));
    }
    figures.sort(Comparator.comparing((ProgressFigure figure) -> scopeOrder(figure.scopeType()))
        .thenComparing(figure -> figure.scopeType().equals(ScopeType.REGION.code())
            ? String.valueOf(REGIONS.indexOf(figure.scopeId())) : figure.scopeId())
        .thenComparing(ProgressFigure::level));
    return figures;
  }

  private static Map<String, List<ParkResult>> groups(List<ParkResult> results, Function<ParkInfo, String> key) {
    Map<String, List<ParkResult>> groups = new LinkedHashMap<>();
    results.forEach(result -> groups.computeIfAbsent(key.apply(result.park()), k -> new ArrayList<>()).add(result));
    return groups;
  }

  private static ProgressFigure figure(ScopeType scopeType, String scopeId, String level, List<ParkResult> parks,
      double provinceShare) {
    List<String> passing = parks.stream().filter(ParkResult::passes).map(result -> result.park().id()).sorted().toList();
    List<String> notPassing = parks.stream().filter(result -> !result.passes()).map(result -> result.park().id())
        .sorted().toList();
    return new ProgressFigure(scopeType.code(), scopeId, level, passing, notPassing, GOALS.get(level), provinceShare);
  }

  private static int scopeOrder(String scopeType) {
    return List.of(ScopeType.PROVINCE, ScopeType.REGION, ScopeType.CITY).indexOf(ScopeType.of(scopeType));
  }
}
