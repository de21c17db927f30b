package io.parkloop.jobs.records;

/**
 * A validated reading inside the job (a Flink POJO): a meter's value in its medium's canonical
 * unit, or one value of an outlet's HJ 212 packet (then {@code factor}, {@code kind},
 * {@code flag} and {@code period} are set and {@code meter} is the outlet id).
 */
public class MeterReading implements java.io.Serializable {
  public String meter;
  public long ts;
  public double value;
  public long receivedAt;
  /** HJ 212 factor code (w01018, ...), null for meters. */
  public String factor;
  /** HJ 212 value kind (Avg, Cou, Rtd, ...), null for meters. */
  public String kind;
  /** HJ 212 data flag, null for meters. */
  public String flag;
  /** HJ 212 data period (realtime, minute, hour, day), null for meters. */
  public String period;
  /**
   * What an outlet's value is, as ingest named it (the Avro Reading's {@code reading}):
   * concentration, flow or load; power, energy or condition for HJ 212-2025's equipment data
   * (ST 44/45). Null for meters.
   */
  public String quantity;

  public MeterReading() {}

  /** An outlet's value from an HJ 212 data packet. */
  public static MeterReading outlet(String outlet, long ts, String factor, String kind, double value, String flag,
      String period, long receivedAt) {
    MeterReading reading = new MeterReading(outlet, ts, value, receivedAt);
    reading.factor = factor;
    reading.kind = kind;
    reading.flag = flag;
    reading.period = period;
    return reading;
  }

  public boolean isOutletValue() {
    return kind != null;
  }

  /**
   * A value of the equipment behind an outlet (HJ 212-2025 ST 44 electricity, ST 45 operating
   * conditions): a reading of the outlet's enterprise, kept in {@code equipment_reading}.
   */
  public boolean isEquipmentValue() {
    return "power".equals(quantity) || "energy".equals(quantity) || "condition".equals(quantity);
  }

  /** Kept as a reading: a meter's, or an outlet's equipment value; pollutant data are not (the loads and alerts hold them). */
  public boolean isStored() {
    return !isOutletValue() || isEquipmentValue();
  }

  /** The series this value belongs to: the meter, or {@code outlet/factor-kind} for an outlet's value (E1-WW1/w01018-Avg). */
  public String series() {
    return isOutletValue() ? meter + '/' + factor + '-' + kind : meter;
  }

  public MeterReading(String meter, long ts, double value, long receivedAt) {
    this.meter = meter;
    this.ts = ts;
    this.value = value;
    this.receivedAt = receivedAt;
  }

  @Override
  public String toString() {
    return meter + (factor == null ? "" : "/" + factor + "-" + kind) + "@" + java.time.Instant.ofEpochMilli(ts) + "=" + value;
  }
}
