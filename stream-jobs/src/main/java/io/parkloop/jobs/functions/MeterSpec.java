package io.parkloop.jobs.functions;

import io.parkloop.reference.Meter;
import io.parkloop.reference.Units;
import java.io.Serializable;

/**
 * What consumption needs to know of a meter, in canonical units.
 *
 * @param rollover the counter's modulus in the canonical unit, or null
 * @param intervalMillis an interval meter's fixed interval, or 0 for "since the previous reading"
 */
public record MeterSpec(boolean cumulative, Double rollover, long intervalMillis) implements Serializable {
  public static MeterSpec of(Meter meter) {
    Double rollover = meter.rollover() == null ? null
        : Units.convert(meter.rollover(), meter.unit(), meter.medium().canonicalUnit(), meter.medium());
    long interval = meter.interval() == null ? 0 : meter.interval().toMillis();
    return new MeterSpec(meter.cumulative(), rollover, interval);
  }
}
