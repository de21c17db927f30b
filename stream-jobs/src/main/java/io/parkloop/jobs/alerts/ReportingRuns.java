package io.parkloop.jobs.alerts;

import java.util.Arrays;

/**
 * When a device reported, compressed (a Flink POJO in keyed state): runs of timestamps in which
 * no two neighbours are more than the silence span apart. Between two runs lies a gap longer
 * than the span, a silence; inside a run there is none. A late timestamp shortens, splits or
 * bridges a gap exactly as if it had come in order. Thousands of readings a day cost two longs.
 */
public class ReportingRuns {
  public long[] first = new long[4];
  public long[] last = new long[4];
  public int size;

  public ReportingRuns() {}

  public void add(long t, long spanMillis) {
    int i = 0;
    while (i < size && first[i] <= t) {
      i++;
    }
    boolean joinsEarlier = i > 0 && t - last[i - 1] <= spanMillis;
    boolean joinsLater = i < size && first[i] - t <= spanMillis;
    if (joinsEarlier && joinsLater) {
      last[i - 1] = last[i];
      remove(i);
    } else if (joinsEarlier) {
      last[i - 1] = Math.max(last[i - 1], t);
    } else if (joinsLater) {
      first[i] = t;
    } else {
      insert(i, t);
    }
  }

  /** The latest timestamp seen. */
  public long latest() {
    return last[size - 1];
  }

  /** How many runs lead up to gaps that ended before {@code horizon}: no timestamp can change those gaps any more. */
  public int settledBefore(long horizon) {
    int settled = 0;
    while (settled + 1 < size && first[settled + 1] < horizon) {
      settled++;
    }
    return settled;
  }

  public void removeFirst(int n) {
    System.arraycopy(first, n, first, 0, size - n);
    System.arraycopy(last, n, last, 0, size - n);
    size -= n;
  }

  private void insert(int at, long t) {
    if (size == first.length) {
      first = Arrays.copyOf(first, size * 2);
      last = Arrays.copyOf(last, size * 2);
    }
    System.arraycopy(first, at, first, at + 1, size - at);
    System.arraycopy(last, at, last, at + 1, size - at);
    first[at] = t;
    last[at] = t;
    size++;
  }

  private void remove(int at) {
    System.arraycopy(first, at + 1, first, at, size - at - 1);
    System.arraycopy(last, at + 1, last, at, size - at - 1);
    size--;
  }
}
