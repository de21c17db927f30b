package io.parkloop.storage;

import java.time.Instant;
import java.util.List;

/**
 * A row of the {@code alerts} table.
 *
 * @param closedAt null while the alert is open
 * @param acknowledgedBy who acknowledged it, or null
 */
public record AlertRecord(String id, String kind, String scopeType, String scopeId, String factor, String severity,
    Instant openedAt, Instant closedAt, Double peakValue, Double limitValue, List<String> evidence,
    String acknowledgedBy, Instant acknowledgedAt) {}
