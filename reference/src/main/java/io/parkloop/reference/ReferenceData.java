package io.parkloop.reference;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The parks, enterprises, park utilities, meters, outlets, permits and targets, with lookups by id. */
public final class ReferenceData implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<Park> parks;
  private final List<Enterprise> enterprises;
  private final List<Meter> meters;
  private final List<Outlet> outlets;
  private final List<Permit> permits;
  private final List<Target> targets;
  private final List<Utility> utilities;
  private final transient Map<String, Utility> utilityById;
  private final transient Map<String, Park> parkById;
  private final transient Map<String, Enterprise> enterpriseById;
  private final transient Map<String, Meter> meterById;
  private final transient Map<String, Outlet> outletByMn;

  public ReferenceData(List<Park> parks, List<Enterprise> enterprises, List<Meter> meters,
      List<Outlet> outlets, List<Permit> permits, List<Target> targets) {
    this(parks, enterprises, meters, outlets, permits, targets, List.of());
  }

  public ReferenceData(List<Park> parks, List<Enterprise> enterprises, List<Meter> meters,
      List<Outlet> outlets, List<Permit> permits, List<Target> targets, List<Utility> utilities) {
    this.utilities = List.copyOf(utilities);
    this.utilityById = index(utilities, Utility::id);
    this.parks = List.copyOf(parks);
    this.enterprises = List.copyOf(enterprises);
    this.meters = List.copyOf(meters);
    this.outlets = List.copyOf(outlets);
    this.permits = List.copyOf(permits);
    this.targets = List.copyOf(targets);
    this.parkById = index(parks, Park::id);
    this.enterpriseById = index(enterprises, Enterprise::id);
    this.meterById = index(meters, Meter::id);
    this.outletByMn = index(outlets, Outlet::mn);
  }

  private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
    return items.stream().collect(Collectors.toUnmodifiableMap(key, Function.identity()));
  }

  /** Rebuilds the lookup maps after Java deserialisation (Flink ships the data to its tasks). */
  private Object readResolve() {
    return new ReferenceData(parks, enterprises, meters, outlets, permits, targets, utilities);
  }

  public List<Park> parks() { return parks; }
  public List<Enterprise> enterprises() { return enterprises; }
  public List<Meter> meters() { return meters; }
  public List<Outlet> outlets() { return outlets; }
  public List<Permit> permits() { return permits; }
  public List<Target> targets() { return targets; }
  public List<Utility> utilities() { return utilities; }

  public Optional<Park> park(String id) { return Optional.ofNullable(parkById.get(id)); }
  public Optional<Enterprise> enterprise(String id) { return Optional.ofNullable(enterpriseById.get(id)); }
  public Optional<Meter> meter(String id) { return Optional.ofNullable(meterById.get(id)); }
  public Optional<Utility> utility(String id) { return Optional.ofNullable(utilityById.get(id)); }
  public Optional<Outlet> outletByMn(String mn) { return Optional.ofNullable(outletByMn.get(mn)); }

  /** The park an enterprise belongs to; the loader guarantees it exists. */
  public Park parkOf(String enterpriseId) {
    return parkById.get(enterpriseById.get(enterpriseId).park());
  }
}
