package io.parkloop.readside.acceptance;

/** A park's value of one indicator for the assessed year (its {@code year} row in {@code indicator_value}). */
public record ActualValue(String park, String indicator, double value, String unit) {}
