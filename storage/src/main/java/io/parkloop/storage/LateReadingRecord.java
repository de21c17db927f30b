package io.parkloop.storage;

import java.time.Instant;

/** A reading that came after the maximum age, and the watermark it was late against. */
public record LateReadingRecord(String meter, Instant ts, double value, Instant receivedAt, Instant watermark) {}
