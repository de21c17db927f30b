package io.parkloop.jobs.records;

/**
 * A reading that arrived after the maximum age: kept and counted, brought in by a backfill.
 * An outlet's value is named by outlet, factor and kind ({@code E1-WW1/w01018-Avg}), since an
 * outlet sends several values for one instant.
 */
public class LateReading {
  public String meter;
  public long ts;
  public double value;
  public long receivedAt;
  public long watermark;

  public LateReading() {}

  public LateReading(MeterReading reading, long watermark) {
    this.meter = reading.series();
    this.ts = reading.ts;
    this.value = reading.value;
    this.receivedAt = reading.receivedAt;
    this.watermark = watermark;
  }
}
