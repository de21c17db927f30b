package io.parkloop.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Hand-picked instants around a seven-day maximum age. */
class LatenessTest {
  private static final long WEEK = Duration.ofDays(7).toMillis();
  private static final long NOW = Instant.parse("2026-03-10T00:00:00Z").toEpochMilli();
  private static final long NONE = Long.MIN_VALUE;

  @Test
  void aBacklogThreeDaysBehindTheFleetIsNotLate() {
    long threeDaysAgo = NOW - Duration.ofHours(72).toMillis();
    assertThat(Lateness.isLate(threeDaysAgo, NOW, threeDaysAgo - 1, WEEK)).isFalse();
  }

  @Test
  void aReadingExactlyAtTheMaximumAgeStillCountsAndOneMillisecondOlderIsLate() {
    assertThat(Lateness.isLate(NOW - WEEK, NOW, NONE, WEEK)).isFalse();
    assertThat(Lateness.isLate(NOW - WEEK - 1, NOW, NONE, WEEK)).isTrue();
  }

  @Test
  void aDeviceAheadOfTheWatermarkJudgesItsOwnOldReadingsByItsOwnProgress() {
    long deviceNewest = NOW + Duration.ofDays(2).toMillis();
    assertThat(Lateness.isLate(NOW - Duration.ofDays(6).toMillis(), NOW, deviceNewest, WEEK)).isTrue();
    assertThat(Lateness.isLate(NOW - Duration.ofDays(4).toMillis(), NOW, deviceNewest, WEEK)).isFalse();
  }

  @Test
  void nothingIsLateBeforeAnyTimeIsKnown() {
    assertThat(Lateness.isLate(0, NONE, NONE, WEEK)).isFalse();
    assertThat(Lateness.horizon(NONE, WEEK)).isEqualTo(NONE);
    assertThat(Lateness.horizon(NOW, WEEK)).isEqualTo(NOW - WEEK);
  }
}
