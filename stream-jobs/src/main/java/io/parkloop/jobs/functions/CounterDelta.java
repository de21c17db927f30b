package io.parkloop.jobs.functions;

/** The consumption between two readings of a cumulative counter (SPEC "Indicators"). */
public final class CounterDelta {
  private CounterDelta() {}

  /**
   * later − earlier; when the counter went down it rolled over (rollover set: value + rollover −
   * previous) or was reset or replaced (no rollover: the new value counts from zero).
   */
  public static double of(double previous, double value, Double rollover) {
    if (value >= previous) {
      return value - previous;
    }
    return rollover != null ? value + rollover - previous : value;
  }

  /** True when the counter went down although it has no rollover: a reset worth recording. */
  public static boolean isReset(double previous, double value, Double rollover) {
    return value < previous && rollover == null;
  }
}
