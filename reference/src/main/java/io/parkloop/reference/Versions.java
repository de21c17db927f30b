package io.parkloop.reference;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A reference value that changes over time, a meter's standard-coal factor or a park's land area:
 * the base value applies until the first change, each change from its {@code valid_from} day
 * (00:00 Asia/Shanghai, the zone of every calendar period) until the next. {@link #at} picks by
 * the time of the reading or period, not by when a job started, so live, replay and a restart
 * after a reference change agree.
 */
public final class Versions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A change of the value from a day on. */
  public record Change(LocalDate validFrom, double value) implements Serializable {}

  private final double base;
  private final List<Change> changes;
  /** The start of each change in epoch milliseconds, in the order of {@link #changes}. */
  private final long[] starts;

  private Versions(double base, List<Change> changes) {
    this.base = base;
    this.changes = List.copyOf(changes);
    this.starts = changes.stream().mapToLong(c -> c.validFrom().atStartOfDay(Province.ZONE).toInstant().toEpochMilli()).toArray();
  }

  /** One value for all time (a plain {@code key: value} in reference.yaml). */
  public static Versions always(double value) {
    return new Versions(value, List.of());
  }

  /** These versions with a change from {@code day} on; the days must ascend. */
  public Versions from(LocalDate day, double value) {
    if (!changes.isEmpty() && !day.isAfter(changes.get(changes.size() - 1).validFrom())) {
      throw new IllegalArgumentException("valid_from " + day + " is not after the previous change's "
          + changes.get(changes.size() - 1).validFrom());
    }
    List<Change> next = new ArrayList<>(changes);
    next.add(new Change(day, value));
    return new Versions(base, next);
  }

  /** The value in force at the instant: the last change whose day has begun, else the base value. */
  public double at(long epochMillis) {
    double value = base;
    for (int i = 0; i < starts.length && starts[i] <= epochMillis; i++) {
      value = changes.get(i).value();
    }
    return value;
  }

  /** The value in force on a day (Asia/Shanghai), what the reference tables record for it. */
  public double on(LocalDate day) {
    return at(day.atStartOfDay(Province.ZONE).toInstant().toEpochMilli());
  }

  /** The value before the first change. */
  public double base() {
    return base;
  }

  /** The changes, by ascending day; empty for a value that never changes. */
  public List<Change> changes() {
    return changes;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Versions that && base == that.base && changes.equals(that.changes);
  }

  @Override
  public int hashCode() {
    return 31 * Double.hashCode(base) + changes.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder().append(base);
    for (Change change : changes) {
      text.append(", ").append(change.value()).append(" from ").append(change.validFrom());
    }
    return text.toString();
  }
}
