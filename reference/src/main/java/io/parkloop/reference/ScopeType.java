package io.parkloop.reference;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code scope_type} of an indicator row (SPEC "Exported indicators"), declared in roll-up
 * order: an enterprise's rows add up to its park, city, region (苏南/苏中/苏北), park level
 * (national/provincial) and {@link Province#NAME the province}.
 */
public enum ScopeType {
  ENTERPRISE("enterprise"), PARK("park"), CITY("city"), REGION("region"), LEVEL("level"), PROVINCE("province");

  /**
   * Each type by its code, built once: the jobs look a type up for every row they handle. A HashMap,
   * so a null code finds nothing, as a scan would; never changed.
   */
  private static final Map<String, ScopeType> BY_CODE =
      Arrays.stream(values()).collect(Collectors.toMap(ScopeType::code, Function.identity()));

  private final String code;

  ScopeType(String code) {
    this.code = code;
  }

  /** The string in the database, on Kafka and in exports, e.g. {@code park}. */
  public String code() {
    return code;
  }

  /** The scopes an enterprise's rows roll up to, in roll-up order. */
  public static List<ScopeType> widerThanEnterprise() {
    return List.of(PARK, CITY, REGION, LEVEL, PROVINCE);
  }

  /** The id of a park's scope of this type, the key its rows are stored under. */
  public String idOf(Park park) {
    return switch (this) {
      case PARK -> park.id();
      case CITY -> park.city();
      case REGION -> park.region().id();
      case LEVEL -> park.level();
      case PROVINCE -> Province.NAME;
      case ENTERPRISE -> throw new IllegalStateException("a park has many enterprises");
    };
  }

  /** @throws IllegalArgumentException naming the bad code and the good ones */
  public static ScopeType of(String code) {
    ScopeType type = BY_CODE.get(code);
    if (type != null) {
      return type;
    }
    throw new IllegalArgumentException("unknown scope type '" + code + "': expected one of "
        + Arrays.stream(values()).map(ScopeType::code).collect(Collectors.joining(", ")));
  }
}
