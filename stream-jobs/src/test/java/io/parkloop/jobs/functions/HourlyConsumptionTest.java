package io.parkloop.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HourlyConsumptionTest {
  private static final long T0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
  private static final long MIN = 60_000;
  private static final long HOUR = 60 * MIN;
  private static final MeterSpec COUNTER = new MeterSpec(true, null, 0);

  private static MeterHistory history(long[] ts, double[] values) {
    MeterHistory h = new MeterHistory();
    for (int i = 0; i < ts.length; i++) {
      h.insert(ts[i], values[i]);
    }
    return h;
  }

  @Test
  void aCounterSpreadsEachDeltaOverTheHoursItSpans() {
    MeterHistory h = history(new long[] {T0 + 30 * MIN, T0 + 90 * MIN}, new double[] {1000, 1600});

    assertThat(HourlyConsumption.within(h, COUNTER, T0, T0 + HOUR)).isCloseTo(300, within(1e-9));
    assertThat(HourlyConsumption.within(h, COUNTER, T0 + HOUR, T0 + 2 * HOUR)).isCloseTo(300, within(1e-9));
  }

  @Test
  void theOrderOfArrivalDoesNotMatter() {
    MeterHistory inOrder = history(new long[] {T0, T0 + 20 * MIN, T0 + 70 * MIN}, new double[] {0, 10, 40});
    MeterHistory reversed = history(new long[] {T0 + 70 * MIN, T0 + 20 * MIN, T0}, new double[] {40, 10, 0});

    for (long hour = T0; hour < T0 + 2 * HOUR; hour += HOUR) {
      assertThat(HourlyConsumption.within(reversed, COUNTER, hour, hour + HOUR))
          .isEqualTo(HourlyConsumption.within(inOrder, COUNTER, hour, hour + HOUR));
    }
  }

  @Test
  void rolloverAndResetCountWhatWasConsumed() {
    MeterSpec rolling = new MeterSpec(true, 100_000.0, 0);
    MeterHistory rolled = history(new long[] {T0, T0 + HOUR}, new double[] {99_900, 50});
    MeterHistory reset = history(new long[] {T0, T0 + HOUR}, new double[] {99_900, 50});

    assertThat(HourlyConsumption.within(rolled, rolling, T0, T0 + HOUR)).isEqualTo(150.0);
    assertThat(HourlyConsumption.within(reset, COUNTER, T0, T0 + HOUR)).isEqualTo(50.0);
  }

  @Test
  void aFixedIntervalMeterSpreadsEachValueOverItsInterval() {
    MeterSpec quarterHours = new MeterSpec(false, null, 15 * MIN);
    MeterHistory h = history(new long[] {T0 + 15 * MIN, T0 + 65 * MIN}, new double[] {3, 6});

    assertThat(HourlyConsumption.within(h, quarterHours, T0, T0 + HOUR)).isCloseTo(3 + 6 * 10.0 / 15, within(1e-9));
    assertThat(HourlyConsumption.within(h, quarterHours, T0 + HOUR, T0 + 2 * HOUR)).isCloseTo(6 * 5.0 / 15, within(1e-9));
  }

  @Test
  void anIntervalMeterWithoutAFixedIntervalUsesTheTimeSinceItsPreviousReading() {
    MeterSpec sincePrevious = new MeterSpec(false, null, 0);
    MeterHistory h = history(new long[] {T0 + 30 * MIN, T0 + 90 * MIN}, new double[] {5, 8});

    // the first reading has no known start: it counts in the hour it ends
    assertThat(HourlyConsumption.within(h, sincePrevious, T0, T0 + HOUR)).isCloseTo(5 + 4, within(1e-9));
    assertThat(HourlyConsumption.within(h, sincePrevious, T0 + HOUR, T0 + 2 * HOUR)).isCloseTo(4, within(1e-9));
  }

  @Test
  void aDuplicateIsOneReadingAndAConflictKeepsTheLargerValueWhateverTheOrder() {
    MeterHistory h = new MeterHistory();
    assertThat(h.insert(T0, 5)).isEqualTo(MeterHistory.Insert.NEW);
    assertThat(h.insert(T0, 5)).isEqualTo(MeterHistory.Insert.DUPLICATE);
    assertThat(h.insert(T0, 7)).isEqualTo(MeterHistory.Insert.CONFLICT);
    assertThat(h.insert(T0, 6)).isEqualTo(MeterHistory.Insert.CONFLICT);
    assertThat(h.size).isEqualTo(1);
    assertThat(h.values[0]).isEqualTo(7.0);
  }

  @Test
  void pruningKeepsWhatTheOpenHoursNeed() {
    MeterHistory h = history(new long[] {T0, T0 + 30 * MIN, T0 + 70 * MIN, T0 + 100 * MIN, T0 + 200 * MIN},
        new double[] {0, 10, 20, 30, 40});
    double before = HourlyConsumption.within(h, COUNTER, T0 + 3 * HOUR, T0 + 4 * HOUR);

    h.pruneBefore(T0 + 3 * HOUR, HOUR);

    // the last reading before the horizon (01:40) lies in hour 01:00, so 00:30 starts the first segment kept
    assertThat(h.size).isEqualTo(4);
    assertThat(h.first()).isEqualTo(T0 + 30 * MIN);
    assertThat(HourlyConsumption.within(h, COUNTER, T0 + 3 * HOUR, T0 + 4 * HOUR)).isEqualTo(before);
  }
}
