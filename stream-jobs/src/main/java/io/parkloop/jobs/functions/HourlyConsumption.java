package io.parkloop.jobs.functions;

/**
 * A meter's consumption within a span of time, computed from its history alone: each segment
 * between readings carries a quantity spread evenly over it (SPEC "Indicators"). Being a pure
 * function of the set of readings, it gives the same result whatever order they arrived in.
 */
public final class HourlyConsumption {
  private HourlyConsumption() {}

  /** The quantity that accrued in [from, to). */
  public static double within(MeterHistory h, MeterSpec spec, long from, long to) {
    double total = 0;
    if (spec.cumulative()) {
      for (int i = Math.max(h.firstAfter(from), 1); i < h.size && h.ts[i - 1] < to; i++) {
        double delta = CounterDelta.of(h.values[i - 1], h.values[i], spec.rollover());
        total += Proration.share(delta, h.ts[i - 1], h.ts[i], from, to);
      }
    } else if (spec.intervalMillis() > 0) {
      for (int i = h.firstAfter(from); i < h.size && h.ts[i] - spec.intervalMillis() < to; i++) {
        total += Proration.share(h.values[i], h.ts[i] - spec.intervalMillis(), h.ts[i], from, to);
      }
    } else {
      if (h.size > 0 && h.ts[0] == h.origin) {
        // the very first reading of an interval meter without a fixed interval: its start is unknown
        total += Proration.share(h.values[0], h.ts[0], h.ts[0], from, to);
      }
      for (int i = Math.max(h.firstAfter(from), 1); i < h.size && h.ts[i - 1] < to; i++) {
        total += Proration.share(h.values[i], h.ts[i - 1], h.ts[i], from, to);
      }
    }
    return total;
  }

  /**
   * The span whose hours change when the reading at index {@code i} is added: from the previous
   * reading (or the interval's start) to the next reading.
   */
  public static long[] affectedSpan(MeterHistory h, MeterSpec spec, int i) {
    long t = h.ts[i];
    long from;
    long to;
    if (!spec.cumulative() && spec.intervalMillis() > 0) {
      from = t - spec.intervalMillis();
      to = t;
    } else {
      from = i > 0 ? h.ts[i - 1] : t - 1;
      to = i + 1 < h.size ? h.ts[i + 1] : t;
      if (!spec.cumulative() && i == 0 && h.size > 1) {
        from = t - 1; // the former first reading is no longer an instant but a segment from t
      }
    }
    return new long[] {from, to};
  }
}
