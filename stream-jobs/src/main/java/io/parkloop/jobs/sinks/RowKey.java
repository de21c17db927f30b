package io.parkloop.jobs.sinks;

import java.io.Serializable;
import java.util.function.Function;

/** The identity of a row in its table: a later row with the same key replaces an earlier one in a batch. */
@FunctionalInterface
public interface RowKey<T> extends Function<T, String>, Serializable {}
