package io.parkloop.ingest;

import java.util.function.DoubleSupplier;

/**
 * A gauge read at each scrape from outside ingest, such as the indicator job's Kafka lag. A
 * value that cannot be read right now is NaN (Prometheus' "no value").
 *
 * @param name a Prometheus metric name, {@code parkloop_...}
 */
public record MetricsGauge(String name, String help, DoubleSupplier value) {}
