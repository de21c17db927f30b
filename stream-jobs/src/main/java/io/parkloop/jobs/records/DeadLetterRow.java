package io.parkloop.jobs.records;

import io.parkloop.storage.DeadLetterRecord;
import java.time.Instant;
import java.util.Arrays;

/** A dead letter on its way from the topic to the table (a Flink POJO). */
public class DeadLetterRow {
  public long receivedAt;
  public String source;
  public String reason;
  public String detail;
  public byte[] payload;
  /** The index within a batched array payload, or null. */
  public Integer element;

  public DeadLetterRow() {}

  public DeadLetterRow(long receivedAt, String source, String reason, String detail, byte[] payload, Integer element) {
    this.receivedAt = receivedAt;
    this.source = source;
    this.reason = reason;
    this.detail = detail;
    this.payload = payload;
    this.element = element;
  }

  /** What tells two dead letters apart; the same letter read twice has the same key. */
  public String key() {
    return receivedAt + "|" + source + "|" + reason + "|" + element + "|" + Arrays.hashCode(payload);
  }

  public DeadLetterRecord toRecord() {
    return new DeadLetterRecord(Instant.ofEpochMilli(receivedAt), source, reason, detail, payload, element);
  }
}
