package io.parkloop.jobs.functions;

/**
 * When a reading is too old to count: judged per device, never against the rest of the fleet.
 *
 * <p>A device's own readings count however far behind the other devices they arrive: a gateway
 * flushing three days of buffer while the meters around it report live is not late. What bounds
 * it is the maximum age: how far behind the job's event time (the watermark, or the device's own
 * newest reading when that is ahead of it) a reading may lie. The jobs keep every period open and
 * every device's history for that long, so within it a reading corrects its periods in place;
 * beyond it the reading is late, kept in {@code late_reading} and counted, and {@code parkloop
 * reconcile} brings it in from there.
 */
public final class Lateness {
  private Lateness() {}

  /**
   * @param watermark the job's event time ({@code Long.MIN_VALUE} before the first watermark)
   * @param deviceNewest the newest reading of the reading's device, or {@code Long.MIN_VALUE}
   */
  public static boolean isLate(long ts, long watermark, long deviceNewest, long maxAgeMillis) {
    long now = Math.max(watermark, deviceNewest);
    return now != Long.MIN_VALUE && ts < now - maxAgeMillis;
  }

  /** The oldest instant that still counts, or {@code Long.MIN_VALUE} while nothing says. */
  public static long horizon(long watermark, long maxAgeMillis) {
    return watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - maxAgeMillis;
  }
}
