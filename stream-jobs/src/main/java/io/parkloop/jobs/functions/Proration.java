package io.parkloop.jobs.functions;

/** Spreads a quantity evenly over the time it accrued in (SPEC: split across period boundaries in proportion). */
public final class Proration {
  private Proration() {}

  /** The share of {@code quantity}, accrued evenly over [start, end), that falls in [from, to). */
  public static double share(double quantity, long start, long end, long from, long to) {
    if (end <= start) {
      // an instant quantity belongs to the period that holds the instant just before its end
      return end > from && end <= to ? quantity : 0;
    }
    long overlap = Math.min(end, to) - Math.max(start, from);
    if (overlap <= 0) {
      return 0;
    }
    if (overlap == end - start) {
      return quantity;
    }
    return quantity * ((double) overlap / (end - start));
  }
}
