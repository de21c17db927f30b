package io.parkloop.reference;

import java.time.ZoneId;

/** The province whose parks parkloop monitors, and its clock. */
public final class Province {
  /** The top of the scope roll-up (park, city, region, level, province) and of provincial progress. */
  public static final String NAME = "江苏";

  /**
   * Every calendar period (hour, day, month, quarter, year), every date on the command line and
   * every time in an export is in this zone (SPEC), whatever the zone of the machine or the
   * device: statisticians count the parks' days, and the same readings must give the same
   * figures wherever the jobs run. Its offset is +08:00 all year (no daylight saving time).
   */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private Province() {}
}
