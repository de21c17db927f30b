package io.parkloop.ingest.hj212;

/** The data commands parkloop turns into readings, by command code (CN). */
public enum Hj212Period {
  REALTIME("2011"),
  MINUTE("2051"),
  HOUR("2061"),
  DAY("2031");

  private final String cn;

  Hj212Period(String cn) {
    this.cn = cn;
  }

  public String cn() {
    return cn;
  }

  /** The period of a data packet, or null for every other command. */
  public static Hj212Period ofCn(String cn) {
    for (Hj212Period period : values()) {
      if (period.cn.equals(cn)) {
        return period;
      }
    }
    return null;
  }
}
