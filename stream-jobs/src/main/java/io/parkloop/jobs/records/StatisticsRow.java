package io.parkloop.jobs.records;

/** An enterprise's statistics for a month (a Flink POJO); null where the statistics leave a cell empty. */
public class StatisticsRow implements java.io.Serializable {
  public String enterprise;
  /** Start of the month in Asia/Shanghai, epoch milliseconds. */
  public long monthStart;
  public Double valueAdded;
  public Double outputValue;
  public Double material;

  public StatisticsRow() {}

  public StatisticsRow(String enterprise, long monthStart, Double valueAdded, Double outputValue, Double material) {
    this.enterprise = enterprise;
    this.monthStart = monthStart;
    this.valueAdded = valueAdded;
    this.outputValue = outputValue;
    this.material = material;
  }
}
