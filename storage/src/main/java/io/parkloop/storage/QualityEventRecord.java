package io.parkloop.storage;

import java.time.Instant;

/** A data-quality observation about a meter at an instant, e.g. {@code counter_reset}. */
public record QualityEventRecord(String meter, Instant ts, String kind, String detail) {}
