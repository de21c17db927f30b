package io.parkloop.storage;

import java.time.Instant;

/** One row of {@code indicator_value}: the long format of the SPEC's export. */
public record IndicatorRecord(String scopeType, String scopeId, String periodType, Instant periodStart,
    String indicator, double value, String unit) {}
