package io.parkloop.reference;

public record Enterprise(String id, String park, String name, String industry) implements java.io.Serializable {}
