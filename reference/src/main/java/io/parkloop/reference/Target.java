package io.parkloop.reference;

/** A park's target for one indicator in one year, used for acceptance. */
public record Target(String park, int year, String indicator, double target) implements java.io.Serializable {}
