package io.parkloop.reference;

/**
 * An industrial park. {@code level} is {@code national} or {@code provincial}; its land area can
 * change from a day on ({@code changes} in reference.yaml).
 */
public record Park(String id, String name, String city, String level, Versions landAreaKm2)
    implements java.io.Serializable {

  /** A park whose land area never changes. */
  public Park(String id, String name, String city, String level, double landAreaKm2) {
    this(id, name, city, level, Versions.always(landAreaKm2));
  }

  public Region region() {
    return Region.ofCity(city).orElseThrow();
  }

  /** The land area (km²) in force at the instant. */
  public double landAreaKm2At(long epochMillis) {
    return landAreaKm2.at(epochMillis);
  }
}
