package io.parkloop.reference;

/** An industrial park. {@code level} is {@code national} or {@code provincial}. */
public record Park(String id, String name, String city, String level, double landAreaKm2) implements java.io.Serializable {
  public Region region() {
    return Region.ofCity(city).orElseThrow();
  }
}
