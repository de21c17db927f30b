package io.parkloop.jobs.records;

/** A meter's whole consumption within one clock hour, in its canonical unit; a newer value replaces an older one. */
public class MeterHour {
  public String meter;
  public long hourStart;
  public double quantity;

  public MeterHour() {}

  public MeterHour(String meter, long hourStart, double quantity) {
    this.meter = meter;
    this.hourStart = hourStart;
    this.quantity = quantity;
  }

  @Override
  public String toString() {
    return meter + "@" + java.time.Instant.ofEpochMilli(hourStart) + "=" + quantity;
  }
}
