package io.parkloop.jobs.alerts;

import java.util.Arrays;

/**
 * One outlet factor's values that may still change an episode (a Flink POJO in keyed state), in
 * the order the {@link EpisodeDetector} takes them: by the end of their period, finer series first
 * on a tie. The same series and timestamp twice is one value; two different values for one
 * instant keep the larger, whatever order they came in, so a replay gives the same episodes.
 */
public class OutletValues {
  public long[] ts = new long[16];
  public int[] series = new int[16];
  public double[] values = new double[16];
  public int size;

  public OutletValues() {}

  /** Adds a value; false when it changes nothing (a duplicate). */
  public boolean insert(long t, int seriesIndex, double value) {
    int at = size;
    while (at > 0 && compare(t, seriesIndex, at - 1) < 0) {
      at--;
    }
    if (at > 0 && compare(t, seriesIndex, at - 1) == 0) {
      if (value <= values[at - 1]) {
        return false;
      }
      values[at - 1] = value;
      return true;
    }
    if (size == ts.length) {
      ts = Arrays.copyOf(ts, size * 2);
      series = Arrays.copyOf(series, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    System.arraycopy(ts, at, ts, at + 1, size - at);
    System.arraycopy(series, at, series, at + 1, size - at);
    System.arraycopy(values, at, values, at + 1, size - at);
    ts[at] = t;
    series[at] = seriesIndex;
    values[at] = value;
    size++;
    return true;
  }

  private int compare(long t, int seriesIndex, int i) {
    int byPosition = Long.compare(EpisodeDetector.position(t, seriesIndex), EpisodeDetector.position(ts[i], series[i]));
    return byPosition != 0 ? byPosition : Integer.compare(seriesIndex, series[i]);
  }

  /** How many values take their place before {@code horizon}. */
  public int countBefore(long horizon) {
    int n = 0;
    while (n < size && EpisodeDetector.position(ts[n], series[n]) < horizon) {
      n++;
    }
    return n;
  }

  public void removeFirst(int n) {
    System.arraycopy(ts, n, ts, 0, size - n);
    System.arraycopy(series, n, series, 0, size - n);
    System.arraycopy(values, n, values, 0, size - n);
    size -= n;
  }
}
