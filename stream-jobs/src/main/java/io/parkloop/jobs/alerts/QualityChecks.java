package io.parkloop.jobs.alerts;

import io.parkloop.jobs.Periods;
import io.parkloop.jobs.functions.CounterDelta;
import io.parkloop.jobs.functions.MeterSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The data-quality checks of one meter reading against the reading before it (pure functions):
 * a cumulative counter that went down without a rollover (reset or replaced), an interval
 * meter's negative value, and a consumption rate beyond what the medium's plausible maximum
 * allows.
 */
public final class QualityChecks {
  public static final String COUNTER_RESET = "counter_reset";
  public static final String NEGATIVE_VALUE = "negative_value";
  public static final String IMPLAUSIBLE_RATE = "implausible_rate";
  public static final List<String> ALL = List.of(COUNTER_RESET, NEGATIVE_VALUE, IMPLAUSIBLE_RATE);

  private QualityChecks() {}

  /** What one check found: the offending value (or rate), the bound it broke (null for a reset), and why. */
  public record Finding(String check, double value, Double bound, String evidence) {}

  /**
   * @param previousTs the timestamp of the reading before, or null for a meter's first reading
   * @param maxRatePerHour the medium's plausible maximum in its canonical unit per hour, or null
   */
  public static List<Finding> of(MeterSpec spec, String unit, Long previousTs, double previousValue, long ts,
      double value, Double maxRatePerHour) {
    List<Finding> findings = new ArrayList<>();
    double quantity;
    long intervalMillis;
    if (spec.cumulative()) {
      if (previousTs == null) {
        return findings;
      }
      if (CounterDelta.isReset(previousValue, value, spec.rollover())) {
        findings.add(new Finding(COUNTER_RESET, value, null, "counter went down from " + Evidence.number(previousValue)
            + " " + unit + " at " + Evidence.time(previousTs) + " to " + Evidence.number(value) + " " + unit + " at "
            + Evidence.time(ts) + " without a rollover"));
        return findings; // the consumption after a reset is a guess; its rate says nothing more
      }
      quantity = CounterDelta.of(previousValue, value, spec.rollover());
      intervalMillis = ts - previousTs;
    } else {
      if (value < 0) {
        findings.add(new Finding(NEGATIVE_VALUE, value, 0.0, "interval value " + Evidence.number(value) + " " + unit
            + " at " + Evidence.time(ts) + " is negative"));
        return findings;
      }
      quantity = value;
      intervalMillis = spec.intervalMillis() > 0 ? spec.intervalMillis() : previousTs == null ? 0 : ts - previousTs;
    }
    if (maxRatePerHour != null && intervalMillis > 0) {
      double rate = quantity / (intervalMillis / (double) Periods.HOUR);
      if (rate > maxRatePerHour) {
        findings.add(new Finding(IMPLAUSIBLE_RATE, rate, maxRatePerHour, Evidence.number(quantity) + " " + unit
            + " in " + Evidence.hours(intervalMillis) + " up to " + Evidence.time(ts) + " = " + Evidence.number(rate)
            + " " + unit + "/h, above the plausible " + Evidence.number(maxRatePerHour) + " " + unit + "/h"));
      }
    }
    return findings;
  }
}
