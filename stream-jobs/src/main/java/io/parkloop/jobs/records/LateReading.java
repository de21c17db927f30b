package io.parkloop.jobs.records;

/** A reading that arrived after the allowed lateness: kept and counted, brought in by a backfill. */
public class LateReading {
  public String meter;
  public long ts;
  public double value;
  public long receivedAt;
  public long watermark;

  public LateReading() {}

  public LateReading(MeterReading reading, long watermark) {
    this.meter = reading.meter;
    this.ts = reading.ts;
    this.value = reading.value;
    this.receivedAt = reading.receivedAt;
    this.watermark = watermark;
  }
}
