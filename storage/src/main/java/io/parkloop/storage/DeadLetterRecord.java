package io.parkloop.storage;

import java.time.Instant;

/**
 * One row of {@code dead_letter}: an input that could not be trusted, with its reason.
 *
 * @param element the index within a batched array payload, or null
 */
public record DeadLetterRecord(Instant receivedAt, String source, String reason, String detail, byte[] payload,
    Integer element) {}
