package io.parkloop.storage;

import java.time.Instant;

/** A normalised meter reading: its value in the medium's canonical unit. */
public record ReadingRecord(String meter, Instant ts, double value, Instant receivedAt) {}
