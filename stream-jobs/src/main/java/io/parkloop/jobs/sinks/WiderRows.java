package io.parkloop.jobs.sinks;

import java.io.Serializable;
import java.util.function.Predicate;

/** Which rows may wait for the sink's wider flush (see {@link JdbcUpsertSink}). */
@FunctionalInterface
public interface WiderRows<T> extends Predicate<T>, Serializable {}
