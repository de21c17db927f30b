package io.parkloop.jobs.records;

/** A data-quality observation about a meter (e.g. a counter reset), with its evidence. */
public class QualityEvent {
  public String meter;
  public long ts;
  public String kind;
  public String detail;

  public QualityEvent() {}

  public QualityEvent(String meter, long ts, String kind, String detail) {
    this.meter = meter;
    this.ts = ts;
    this.kind = kind;
    this.detail = detail;
  }
}
