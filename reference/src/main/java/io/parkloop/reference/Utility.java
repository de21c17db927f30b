package io.parkloop.reference;

/**
 * A park utility that supplies enterprises but is not metered as an enterprise itself, e.g. the
 * park's wastewater plant selling reclaimed water or a municipal heating station. A transfer
 * from a utility enters its consumer's every scope as a supply from outside.
 */
public record Utility(String id, String park, String name) implements java.io.Serializable {}
