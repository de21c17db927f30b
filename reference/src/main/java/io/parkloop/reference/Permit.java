package io.parkloop.reference;

/** An annual permitted load (排污许可量) of one factor for one enterprise, tonnes per year. */
public record Permit(String enterprise, String factor, double tonnesPerYear) implements java.io.Serializable {}
