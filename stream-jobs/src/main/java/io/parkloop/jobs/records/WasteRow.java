package io.parkloop.jobs.records;

/**
 * A solid-waste or by-product record inside the job (a Flink POJO): the generating enterprise's
 * ticket or manifest {@code id}, the start of its month, and what happened to how many tonnes.
 * {@code toEnterprise} is set for a transfer to another enterprise, {@code handler} for one to an
 * outside licensed handler (or an entrusted disposal).
 */
public class WasteRow implements java.io.Serializable {
  public String enterprise;
  public String id;
  public long monthStart;
  public String category;
  public String hwCode;
  public String flow;
  public String toEnterprise;
  public String handler;
  public double tonnes;

  public WasteRow() {}

  public WasteRow(String enterprise, String id, long monthStart, String category, String hwCode, String flow,
      String toEnterprise, String handler, double tonnes) {
    this.enterprise = enterprise;
    this.id = id;
    this.monthStart = monthStart;
    this.category = category;
    this.hwCode = hwCode;
    this.flow = flow;
    this.toEnterprise = toEnterprise;
    this.handler = handler;
    this.tonnes = tonnes;
  }

  public boolean isHazardous() {
    return "hazardous".equals(category);
  }

  @Override
  public String toString() {
    return enterprise + "|" + id + "@" + java.time.Instant.ofEpochMilli(monthStart) + " " + flow + " " + tonnes + " t";
  }
}
