package io.parkloop.jobs.functions;

import java.util.Arrays;

/**
 * A meter's readings in time order (a Flink POJO kept in keyed state): what every hour's
 * consumption is computed from. Arrival order does not matter; the same timestamp twice is one
 * reading.
 */
public class MeterHistory {
  public long[] ts = new long[8];
  public double[] values = new double[8];
  public int size;
  /** The earliest timestamp ever seen, or Long.MAX_VALUE; an interval meter's first reading has no known start. */
  public long origin = Long.MAX_VALUE;

  /** What an insert did. */
  public enum Insert { NEW, DUPLICATE, CONFLICT }

  public Insert insert(long t, double value) {
    int i = Arrays.binarySearch(ts, 0, size, t);
    if (i >= 0) {
      if (values[i] == value) {
        return Insert.DUPLICATE;
      }
      // Two different values for one instant: keep the larger, whatever the order they came in,
      // so that a replay in another order gives the same result.
      values[i] = Math.max(values[i], value);
      return Insert.CONFLICT;
    }
    int at = -i - 1;
    if (size == ts.length) {
      ts = Arrays.copyOf(ts, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    System.arraycopy(ts, at, ts, at + 1, size - at);
    System.arraycopy(values, at, values, at + 1, size - at);
    ts[at] = t;
    values[at] = value;
    size++;
    origin = Math.min(origin, t);
    return Insert.NEW;
  }

  public int indexOf(long t) {
    return Arrays.binarySearch(ts, 0, size, t);
  }

  /** Index of the first reading with a timestamp strictly after {@code t} (size when none). */
  public int firstAfter(long t) {
    int i = Arrays.binarySearch(ts, 0, size, t);
    return i >= 0 ? i + 1 : -i - 1;
  }

  /**
   * Forgets readings that no hour still open can need: keeps every reading from the start of the
   * hour that holds the last reading before {@code horizon}, and the one reading before that hour
   * (the start of the first segment crossing into it).
   */
  public void pruneBefore(long horizon, long hourMillis) {
    int last = firstAfter(horizon - 1) - 1;
    if (last < 0) {
      return;
    }
    long keepFromHour = Math.floorDiv(ts[last], hourMillis) * hourMillis;
    int keep = Math.max(firstAfter(keepFromHour - 1) - 1, 0);
    if (keep == 0) {
      return;
    }
    System.arraycopy(ts, keep, ts, 0, size - keep);
    System.arraycopy(values, keep, values, 0, size - keep);
    size -= keep;
  }

  public long first() { return ts[0]; }

  public long last() { return ts[size - 1]; }
}
