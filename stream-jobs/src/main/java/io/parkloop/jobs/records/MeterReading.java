package io.parkloop.jobs.records;

/** A validated reading inside the job (a Flink POJO): value in its medium's canonical unit. */
public class MeterReading implements java.io.Serializable {
  public String meter;
  public long ts;
  public double value;
  public long receivedAt;

  public MeterReading() {}

  public MeterReading(String meter, long ts, double value, long receivedAt) {
    this.meter = meter;
    this.ts = ts;
    this.value = value;
    this.receivedAt = receivedAt;
  }

  @Override
  public String toString() {
    return meter + "@" + java.time.Instant.ofEpochMilli(ts) + "=" + value;
  }
}
