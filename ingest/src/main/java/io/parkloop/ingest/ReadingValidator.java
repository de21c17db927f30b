package io.parkloop.ingest;

import io.parkloop.avro.RawReading;
import io.parkloop.avro.Reading;
import io.parkloop.reference.Meter;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.Units;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks a meter reading against the reference data and turns it into a {@link Reading} in the
 * canonical unit of its medium. The reference data is read through a supplier on every call, so
 * a reload takes effect at once.
 */
public final class ReadingValidator {
  /** How far ahead of its arrival a reading may be stamped, live and replayed alike. */
  public static final Duration MAX_FUTURE = Duration.ofMinutes(5);

  private final Supplier<ReferenceData> reference;
  private final Duration maxFuture;

  /**
   * @param maxFuture how far a timestamp may lie ahead of its arrival (device clocks drift a
   *     little; a reading from far in the future would corrupt periods that have not happened)
   */
  public ReadingValidator(Supplier<ReferenceData> reference, Duration maxFuture) {
    this.reference = reference;
    this.maxFuture = maxFuture;
  }

  /** The reference data the readings are checked against, read anew on every call. */
  public Supplier<ReferenceData> reference() {
    return reference;
  }

  /** The result: exactly one of reading and rejection is present. */
  public record Result(Reading reading, Rejection rejection) {
    static Result accepted(Reading reading) { return new Result(reading, null); }
    static Result rejected(String reason, String detail) { return new Result(null, Rejection.of(reason, detail)); }
  }

  /**
   * @param topicEnterprise the enterprise named by the MQTT topic, or null when the reading did
   *     not come over MQTT; a meter of another enterprise is refused, so that an enterprise's
   *     credentials cannot write another's readings
   */
  public Result validate(RawReading raw, String topicEnterprise, Instant receivedAt) {
    Optional<Meter> found = reference.get().meter(raw.getMeter());
    if (found.isEmpty()) {
      return Result.rejected(Rejection.UNKNOWN_METER, "meter '" + raw.getMeter() + "' is not in the reference data");
    }
    Meter meter = found.get();
    if (topicEnterprise != null && !topicEnterprise.equals(meter.enterprise())) {
      return Result.rejected(Rejection.ENTERPRISE_MISMATCH, "meter '" + meter.id() + "' belongs to "
          + meter.enterprise() + ", not to " + topicEnterprise + " named by the topic");
    }
    if (raw.getTs().isAfter(receivedAt.plus(maxFuture))) {
      return Result.rejected(Rejection.FUTURE_TIMESTAMP, raw.getTs() + " is more than " + maxFuture
          + " ahead of its arrival at " + receivedAt);
    }
    String canonical = meter.medium().canonicalUnit();
    double value;
    try {
      String unit = raw.getUnit() == null ? meter.unit() : raw.getUnit();
      value = Units.convert(raw.getValue(), unit, canonical, meter.medium());
    } catch (IllegalArgumentException e) {
      return Result.rejected(Rejection.UNCONVERTIBLE_UNIT, e.getMessage() + " (meter " + meter.id()
          + " measures " + meter.medium().id() + " in " + meter.unit() + ")");
    }
    if (!Double.isFinite(value)) { // found by JsonPayloadFuzzTest: 1e308 GWh is no number of kWh
      return Result.rejected(Rejection.NON_FINITE_VALUE, raw.getValue() + " " + raw.getUnit()
          + " overflows in " + canonical);
    }
    return Result.accepted(Reading.newBuilder()
        .setMeter(meter.id())
        .setEnterprise(meter.enterprise())
        .setMedium(meter.medium().id())
        .setReading(meter.cumulative() ? "cumulative" : "interval")
        .setTs(raw.getTs())
        .setValue(value)
        .setUnit(canonical)
        .setReceivedAt(receivedAt)
        .setSource(raw.getSource())
        .build());
  }
}
