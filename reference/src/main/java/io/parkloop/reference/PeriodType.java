package io.parkloop.reference;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code period_type} of an indicator row (SPEC "Exported indicators"): the calendar periods
 * in {@link Province#ZONE} and the rolling windows built from them. Declared narrowest first.
 */
public enum PeriodType {
  HOUR("hour"), DAY("day"), MONTH("month"), QUARTER("quarter"), YEAR("year"),
  /** The last 24 hours; a rolling row carries its window's end as {@code period_start}. */
  R24H("r24h"),
  R30D("r30d"),
  R12M("r12m");

  /**
   * Each type by its code, built once: the jobs look a type up for every row they handle. A HashMap,
   * so a null code finds nothing, as a scan would; never changed.
   */
  private static final Map<String, PeriodType> BY_CODE =
      Arrays.stream(values()).collect(Collectors.toMap(PeriodType::code, Function.identity()));

  private final String code;

  PeriodType(String code) {
    this.code = code;
  }

  /** The string in the database, on Kafka and in exports, e.g. {@code r24h}. */
  public String code() {
    return code;
  }

  public boolean isRolling() {
    return this == R24H || this == R30D || this == R12M;
  }

  /**
   * The next rung of the calendar ladder (hour, day, month, quarter, year) that this period's rows
   * add up to; empty for a year and for rolling windows. The jobs also add months straight to years.
   */
  public Optional<PeriodType> wider() {
    return switch (this) {
      case HOUR -> Optional.of(DAY);
      case DAY -> Optional.of(MONTH);
      case MONTH -> Optional.of(QUARTER);
      case QUARTER -> Optional.of(YEAR);
      default -> Optional.empty();
    };
  }

  /** The rolling window made of this calendar period's rows: r24h of hours, r30d of days, r12m of months. */
  public Optional<PeriodType> rollingWindow() {
    return switch (this) {
      case HOUR -> Optional.of(R24H);
      case DAY -> Optional.of(R30D);
      case MONTH -> Optional.of(R12M);
      default -> Optional.empty();
    };
  }

  /** The calendar period a rolling window is made of: hour for r24h, day for r30d, month for r12m. */
  public PeriodType base() {
    return switch (this) {
      case R24H -> HOUR;
      case R30D -> DAY;
      case R12M -> MONTH;
      default -> throw new IllegalStateException(code + " is not a rolling window");
    };
  }

  /** How many periods of its {@link #base()} a rolling window holds: 24, 30 or 12. */
  public int length() {
    return switch (this) {
      case R24H -> 24;
      case R30D -> 30;
      case R12M -> 12;
      default -> throw new IllegalStateException(code + " is not a rolling window");
    };
  }

  /** The start of this calendar period that contains the instant. */
  public long start(long epochMillis) {
    ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(Province.ZONE);
    ZonedDateTime start = switch (this) {
      case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
      case DAY -> t.truncatedTo(ChronoUnit.DAYS);
      case MONTH -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
      case QUARTER -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).withMonth((t.getMonthValue() - 1) / 3 * 3 + 1);
      case YEAR -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
      default -> throw notCalendar();
    };
    return start.toInstant().toEpochMilli();
  }

  /** The end (exclusive) of this calendar period that starts at {@code start}. */
  public long end(long start) {
    return plus(start, 1);
  }

  /** The instant {@code count} periods after {@code start} (before it when negative), in calendar terms. */
  public long plus(long start, int count) {
    ZonedDateTime t = Instant.ofEpochMilli(start).atZone(Province.ZONE);
    ZonedDateTime moved = switch (this) {
      case HOUR -> t.plusHours(count);
      case DAY -> t.plusDays(count);
      case MONTH -> t.plusMonths(count);
      case QUARTER -> t.plusMonths(3L * count);
      case YEAR -> t.plusYears(count);
      default -> throw notCalendar();
    };
    return moved.toInstant().toEpochMilli();
  }

  /**
   * The period a row of this type covers, as [start, end): a calendar row from its
   * {@code period_start}, a rolling row up to it (its {@code period_start} is its window's end).
   */
  public long[] span(long periodStart) {
    if (isRolling()) {
      return new long[] {base().plus(periodStart, -length()), periodStart};
    }
    return new long[] {periodStart, end(periodStart)};
  }

  private IllegalStateException notCalendar() {
    return new IllegalStateException(code + " is a rolling window, not a calendar period");
  }

  /** @throws IllegalArgumentException naming the bad code and the good ones */
  public static PeriodType of(String code) {
    PeriodType type = BY_CODE.get(code);
    if (type != null) {
      return type;
    }
    throw new IllegalArgumentException("unknown period type '" + code + "': expected one of "
        + Arrays.stream(values()).map(PeriodType::code).collect(Collectors.joining(", ")));
  }
}
