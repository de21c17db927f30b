package io.parkloop.launcher.bench;

/**
 * What the load generator sent, printed as one JSON line on its standard output when it ends.
 * Every message was acknowledged by the broker (QoS 1; a failed publish is sent again), so
 * these are exactly the totals the database must end with.
 *
 * @param readings every reading sent: meter readings plus HJ 212 values
 * @param messages MQTT messages (gateway payloads and HJ 212 packets)
 * @param hj212Readings the HJ 212 values among {@code readings}
 * @param startMillis the baseline instant: every meter's first reading carries it
 * @param firstSendMillis when sending began: later than the baseline when loading a large
 *     fleet's reference data took the generator longer than the lead it was given
 * @param lastMillis the timestamp of the last reading sent
 * @param electricityKwh Σ over counters of last − first
 * @param steamThousandthsT Σ of every steam value sent, in thousandths of a tonne
 * @param codKg Σ over the outlet-hours sent of that outlet's hourly COD load
 * @param republished publishes that failed and were sent again (duplicates the pipeline must absorb)
 */
public record GeneratorSummary(long readings, long messages, long hj212Readings, long startMillis,
    long firstSendMillis, long lastMillis,
    double sendSeconds, long electricityKwh, long steamThousandthsT, long codKg, long republished) {

  public double steamT() {
    return steamThousandthsT / 1000.0;
  }
}
