package io.parkloop.reference;

import java.util.Map;
import java.util.Optional;

/** The three regions of the province; a park's region follows from its prefecture city. */
public enum Region {
  SOUTH("苏南"), CENTRAL("苏中"), NORTH("苏北");

  private static final Map<String, Region> BY_CITY = Map.ofEntries(
      Map.entry("南京", SOUTH), Map.entry("无锡", SOUTH), Map.entry("常州", SOUTH),
      Map.entry("苏州", SOUTH), Map.entry("镇江", SOUTH),
      Map.entry("南通", CENTRAL), Map.entry("扬州", CENTRAL), Map.entry("泰州", CENTRAL),
      Map.entry("徐州", NORTH), Map.entry("连云港", NORTH), Map.entry("淮安", NORTH),
      Map.entry("盐城", NORTH), Map.entry("宿迁", NORTH));

  private final String id;

  Region(String id) {
    this.id = id;
  }

  /** The id used in exports: 苏南, 苏中 or 苏北. */
  public String id() {
    return id;
  }

  public static Optional<Region> ofCity(String city) {
    return Optional.ofNullable(BY_CITY.get(city));
  }
}
