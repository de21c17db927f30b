package io.parkloop.jobs.alerts;

import io.parkloop.avro.Alert;
import io.parkloop.reference.Province;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The whole current state of one alert (a Flink POJO), emitted each time it changes: opened,
 * peak raised, severity raised, closed. The sinks upsert it by {@link #id}. {@link #withdrawn}
 * marks an alert that late data showed never happened as published (two episodes became one, a
 * gap was filled): the table deletes it, the topic gets a tombstone for its key.
 */
public class AlertUpdate {
  public static final String CONCENTRATION = "concentration";
  public static final String PERMIT = "permit";
  public static final String SILENCE = "silence";
  public static final String DATA_QUALITY = "data_quality";
  public static final String TREATMENT_STOPPED = "treatment_stopped";

  public static final String WARNING = "warning";
  public static final String CRITICAL = "critical";

  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss").withZone(Province.ZONE);

  public String id;
  public String kind;
  public String scopeType;
  public String scopeId;
  public String factor;
  public String severity;
  public long openedAt;
  public Long closedAt;
  public Double peakValue;
  public Double limitValue;
  public String[] evidence;
  public boolean withdrawn;

  public AlertUpdate() {}

  public AlertUpdate(String kind, String scopeType, String scopeId, String factor, String severity, long openedAt,
      Long closedAt, Double peakValue, Double limitValue, List<String> evidence) {
    this.id = idOf(kind, scopeType, scopeId, factor, openedAt);
    this.kind = kind;
    this.scopeType = scopeType;
    this.scopeId = scopeId;
    this.factor = factor;
    this.severity = severity;
    this.openedAt = openedAt;
    this.closedAt = closedAt;
    this.peakValue = peakValue;
    this.limitValue = limitValue;
    this.evidence = evidence.toArray(String[]::new);
  }

  /**
   * The same episode always gets the same id, whether it is seen live, in a replay or after a
   * restart: {@code concentration:outlet:E001-WW1:w01018:20260301T100000} (opened_at in
   * Asia/Shanghai; milliseconds appended when it has any).
   */
  public static String idOf(String kind, String scopeType, String scopeId, String factor, long openedAt) {
    String time = ID_TIME.format(Instant.ofEpochMilli(openedAt));
    long millis = Math.floorMod(openedAt, 1000L);
    return kind + ':' + scopeType + ':' + scopeId + ':' + (factor == null ? "-" : factor) + ':' + time
        + (millis == 0 ? "" : String.format(java.util.Locale.ROOT, ".%03d", millis));
  }

  /** This alert taken back. */
  public AlertUpdate withdrawal() {
    AlertUpdate withdrawal = copy();
    withdrawal.withdrawn = true;
    return withdrawal;
  }

  public boolean isOpen() {
    return closedAt == null;
  }

  public Alert toAvro() {
    return Alert.newBuilder()
        .setId(id).setKind(kind).setScopeType(scopeType).setScopeId(scopeId).setFactor(factor).setSeverity(severity)
        .setOpenedAt(Instant.ofEpochMilli(openedAt))
        .setClosedAt(closedAt == null ? null : Instant.ofEpochMilli(closedAt))
        .setPeakValue(peakValue).setLimitValue(limitValue)
        .setEvidence(List.of(evidence))
        .build();
  }

  private AlertUpdate copy() {
    AlertUpdate copy = new AlertUpdate();
    copy.id = id;
    copy.kind = kind;
    copy.scopeType = scopeType;
    copy.scopeId = scopeId;
    copy.factor = factor;
    copy.severity = severity;
    copy.openedAt = openedAt;
    copy.closedAt = closedAt;
    copy.peakValue = peakValue;
    copy.limitValue = limitValue;
    copy.evidence = evidence;
    copy.withdrawn = withdrawn;
    return copy;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AlertUpdate that && openedAt == that.openedAt && withdrawn == that.withdrawn
        && Objects.equals(id, that.id) && Objects.equals(kind, that.kind) && Objects.equals(scopeType, that.scopeType)
        && Objects.equals(scopeId, that.scopeId) && Objects.equals(factor, that.factor)
        && Objects.equals(severity, that.severity) && Objects.equals(closedAt, that.closedAt)
        && Objects.equals(peakValue, that.peakValue) && Objects.equals(limitValue, that.limitValue)
        && Arrays.equals(evidence, that.evidence);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, severity, closedAt, peakValue, withdrawn);
  }

  @Override
  public String toString() {
    return (withdrawn ? "withdrawn " : "") + id + " " + severity
        + (closedAt == null ? " open" : " closed " + Instant.ofEpochMilli(closedAt))
        + " peak=" + peakValue + " limit=" + limitValue + " " + Arrays.toString(evidence);
  }
}
