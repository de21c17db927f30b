package io.parkloop.jobs.alerts;

import io.parkloop.jobs.Periods;
import io.parkloop.jobs.records.MeterReading;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The concentration rule as a state machine over one outlet factor's values, fed in time order
 * (a Flink POJO: its state at the maximum-age horizon is kept while the values before it are
 * dropped). Three series feed it: real-time samples (CN 2011 {@code -Rtd}), minute averages
 * (CN 2051 {@code -Avg}) and hourly averages (CN 2061 {@code -Avg}).
 *
 * <ul>
 *   <li>No episode open: one hourly average over the limit, or {@code consecutiveValues} minute
 *       or real-time values over it in a row, open one. It opens at the start of the data that
 *       opened it (the hour, or the first of the row).
 *   <li>Episode open: a value over the limit (any series) restarts the calm; a value at or
 *       below limit × (1 − hysteresis) is calm; one in between (the hysteresis band) restarts its
 *       series' calm. {@code calmPeriods} calm values in a row of the coarsest series seen during
 *       the episode close it at the end of the last one's period. So a value hovering around the
 *       limit keeps one episode open instead of opening and closing it again and again, and
 *       calm minutes do not close an episode while the hourly averages still exceed.
 * </ul>
 *
 * <p>A value takes its place in time at the end of its period, which is when it is known (an
 * hourly average comes after the minute values of its hour, as it does live).
 */
public class EpisodeDetector {
  public static final int REALTIME = 0;
  public static final int MINUTE = 1;
  public static final int HOUR = 2;
  private static final String[] SERIES_NAMES = {"real-time", "minute", "hourly"};
  private static final long[] PERIOD_MILLIS = {0, 60_000L, Periods.HOUR};
  private static final String[] NONE = {};

  public SeriesState[] series = {new SeriesState(), new SeriesState(), new SeriesState()};
  public boolean open;
  public long openedAt;
  /** Series seen during the open episode, one bit each. */
  public int seen;
  public double peak;
  public String peakEvidence;
  public String[] opening = NONE;
  /** The end of the last episode: the next one cannot have started before it. */
  public long lastClosedAt = Long.MIN_VALUE;

  /** One series' rows: values over the limit while no episode is open, calm values while one is. */
  public static class SeriesState {
    public int above;
    public long aboveSince;
    public double abovePeak;
    public String[] aboveEvidence = NONE;
    public int calm;
    public String[] calmEvidence = NONE;

    public SeriesState() {}

    void reset() {
      above = 0;
      aboveEvidence = NONE;
      calm = 0;
      calmEvidence = NONE;
    }

    SeriesState copy() {
      SeriesState copy = new SeriesState();
      copy.above = above;
      copy.aboveSince = aboveSince;
      copy.abovePeak = abovePeak;
      copy.aboveEvidence = aboveEvidence;
      copy.calm = calm;
      copy.calmEvidence = calmEvidence;
      return copy;
    }
  }

  /**
   * What one outlet factor is compared with.
   *
   * @param calmAtOrBelow limit × (1 − hysteresis)
   * @param unit mg/L for water, mg/m³ for air
   */
  public record Thresholds(String factor, String unit, double limit, double calmAtOrBelow, int consecutiveValues,
      int calmPeriods) implements Serializable {}

  /** An episode: {@code closedAt} is null while it is open. */
  public record Episode(long openedAt, Long closedAt, double peak, List<String> evidence) {}

  public EpisodeDetector() {}

  /** The series of an outlet value, or −1 when the rule does not use it (day data, {@code -Cou}, ...). */
  public static int seriesOf(MeterReading reading) {
    if ("realtime".equals(reading.period) && "Rtd".equals(reading.kind)) {
      return REALTIME;
    }
    if ("minute".equals(reading.period) && "Avg".equals(reading.kind)) {
      return MINUTE;
    }
    if ("hour".equals(reading.period) && "Avg".equals(reading.kind)) {
      return HOUR;
    }
    return -1;
  }

  /** Where a value takes its place in time: the end of its period (HJ 212 stamps a period's start). */
  public static long position(long ts, int series) {
    return ts + PERIOD_MILLIS[series];
  }

  /** Feeds the next value in time order; {@code closed} receives the episode it closes, if it closes one. */
  public void feed(long ts, int seriesIndex, double value, Thresholds t, Consumer<Episode> closed) {
    SeriesState s = series[seriesIndex];
    String evidence = Evidence.time(ts) + " " + SERIES_NAMES[seriesIndex] + " " + t.factor() + " "
        + Evidence.number(value) + " " + t.unit();
    if (!open) {
      if (value > t.limit()) {
        if (s.above == 0) {
          s.aboveSince = ts;
          s.abovePeak = value;
        }
        s.above++;
        s.abovePeak = Math.max(s.abovePeak, value);
        int needed = seriesIndex == HOUR ? 1 : t.consecutiveValues();
        s.aboveEvidence = append(s.aboveEvidence, evidence + " > limit " + Evidence.number(t.limit()), needed);
        if (s.above >= needed) {
          openWith(s, seriesIndex);
        }
      } else {
        s.above = 0;
        s.aboveEvidence = NONE;
      }
      return;
    }
    seen |= 1 << seriesIndex;
    if (value > peak) {
      peak = value;
      peakEvidence = "peak " + evidence;
    }
    if (value > t.limit()) {
      for (SeriesState each : series) {
        each.calm = 0;
        each.calmEvidence = NONE;
      }
    } else if (value <= t.calmAtOrBelow()) {
      s.calm++;
      s.calmEvidence = append(s.calmEvidence, evidence + " <= " + Evidence.number(t.calmAtOrBelow()), t.calmPeriods());
      if (seriesIndex == coarsestSeen() && s.calm >= t.calmPeriods()) {
        long closedAt = position(ts, seriesIndex);
        closed.accept(new Episode(openedAt, closedAt, peak, evidence(s.calmEvidence)));
        open = false;
        lastClosedAt = closedAt;
        resetSeries();
      }
    } else {
      s.calm = 0;
      s.calmEvidence = NONE;
    }
  }

  private void openWith(SeriesState s, int seriesIndex) {
    open = true;
    openedAt = Math.max(s.aboveSince, lastClosedAt);
    seen = 1 << seriesIndex;
    peak = s.abovePeak;
    peakEvidence = null;
    opening = s.aboveEvidence;
    resetSeries();
  }

  private int coarsestSeen() {
    return 31 - Integer.numberOfLeadingZeros(seen);
  }

  private void resetSeries() {
    for (SeriesState each : series) {
      each.reset();
    }
  }

  /** The episode open now, or null. */
  public Episode current() {
    return open ? new Episode(openedAt, null, peak, evidence(NONE)) : null;
  }

  /** Nothing open and nothing under way: the state can go. */
  public boolean idle() {
    return !open && Arrays.stream(series).allMatch(s -> s.above == 0);
  }

  private List<String> evidence(String[] closing) {
    List<String> evidence = new ArrayList<>(List.of(opening));
    if (peakEvidence != null) {
      evidence.add(peakEvidence);
    }
    evidence.addAll(List.of(closing));
    return evidence;
  }

  public EpisodeDetector copy() {
    EpisodeDetector copy = new EpisodeDetector();
    for (int i = 0; i < series.length; i++) {
      copy.series[i] = series[i].copy();
    }
    copy.open = open;
    copy.openedAt = openedAt;
    copy.seen = seen;
    copy.peak = peak;
    copy.peakEvidence = peakEvidence;
    copy.opening = opening;
    copy.lastClosedAt = lastClosedAt;
    return copy;
  }

  /** The evidence with {@code line} added, keeping the last {@code keep} lines: a row is evidence up to its length. */
  private static String[] append(String[] evidence, String line, int keep) {
    String[] longer = Arrays.copyOf(evidence, evidence.length + 1);
    longer[evidence.length] = line;
    return longer.length <= keep ? longer : Arrays.copyOfRange(longer, longer.length - keep, longer.length);
  }
}
