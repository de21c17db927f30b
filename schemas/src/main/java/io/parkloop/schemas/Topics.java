package io.parkloop.schemas;

/** The Kafka topics of parkloop. Each carries one Avro record type in single-object encoding. */
public final class Topics {
  /** {@link io.parkloop.avro.Reading}, keyed by meter id. */
  public static final String READINGS = "parkloop.readings";
  /** {@link io.parkloop.avro.DeadLetter}, keyed by reason. */
  public static final String DEAD_LETTERS = "parkloop.dead-letters";
  /** {@link io.parkloop.avro.MonthlyStatistics}, keyed by enterprise|month; compacted, the latest per key counts. */
  public static final String STATISTICS = "parkloop.statistics";
  /** {@link io.parkloop.avro.WasteRecord}, keyed by enterprise|id; compacted, the latest per key counts. */
  public static final String WASTE = "parkloop.waste";
  /**
   * {@link io.parkloop.avro.DayCorrection}, keyed by indicator row: the day totals {@code parkloop
   * reconcile} recomputed, which the live indicator job takes in; the latest per key counts.
   */
  public static final String DAY_CORRECTIONS = "parkloop.day-corrections";
  /**
   * {@link io.parkloop.avro.Alert}, keyed by alert id: each record is the alert's whole current
   * state; a null value (tombstone) withdraws the alert of its key (docs/alerts.md).
   */
  public static final String ALERTS = "parkloop.alerts";

  private Topics() {}
}
