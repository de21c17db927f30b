package io.parkloop.readside.report;

import io.parkloop.reference.PeriodType;
import io.parkloop.reference.Province;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The calendar period a statistician's report covers, in Asia/Shanghai: a year ({@code 2026}), a
 * quarter ({@code 2026-Q1}) or a month ({@code 2026-03}).
 *
 * @param periodType the {@code period_type} of its rows in {@code indicator_value}
 * @param first its first day
 * @param end the day after its last
 */
public record ReportPeriod(String label, PeriodType periodType, LocalDate first, LocalDate end) {
  private static final Pattern YEAR = Pattern.compile("(\\d{4})");
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[Qq]([1-4])");
  private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");

  /** @throws IllegalArgumentException for anything but YYYY, YYYY-Qn or YYYY-MM */
  public static ReportPeriod parse(String text) {
    String value = text.trim();
    Matcher matcher;
    if ((matcher = YEAR.matcher(value)).matches()) {
      LocalDate first = LocalDate.of(Integer.parseInt(matcher.group(1)), 1, 1);
      return new ReportPeriod(value, PeriodType.YEAR, first, first.plusYears(1));
    }
    if ((matcher = QUARTER.matcher(value)).matches()) {
      int quarter = Integer.parseInt(matcher.group(2));
      LocalDate first = LocalDate.of(Integer.parseInt(matcher.group(1)), 3 * quarter - 2, 1);
      return new ReportPeriod(value.toUpperCase(java.util.Locale.ROOT), PeriodType.QUARTER, first, first.plusMonths(3));
    }
    if ((matcher = MONTH.matcher(value)).matches()) {
      int month = Integer.parseInt(matcher.group(2));
      if (month < 1 || month > 12) {
        throw new IllegalArgumentException("'" + text + "': month " + month + " is not 01..12");
      }
      LocalDate first = LocalDate.of(Integer.parseInt(matcher.group(1)), month, 1);
      return new ReportPeriod(value, PeriodType.MONTH, first, first.plusMonths(1));
    }
    throw new IllegalArgumentException("'" + text + "' is not a period: give a year (2026), a quarter (2026-Q1)"
        + " or a month (2026-03)");
  }

  public int year() {
    return first.getYear();
  }

  public Instant startInstant() {
    return first.atStartOfDay(Province.ZONE).toInstant();
  }

  public Instant endInstant() {
    return end.atStartOfDay(Province.ZONE).toInstant();
  }

  /** The months of the period that have begun by {@code now}: a period in progress is not missing its future. */
  public java.util.List<YearMonth> monthsBegunBy(Instant now) {
    YearMonth current = YearMonth.from(now.atZone(Province.ZONE));
    java.util.List<YearMonth> months = new java.util.ArrayList<>();
    for (YearMonth month = YearMonth.from(first); month.isBefore(YearMonth.from(end)) && !month.isAfter(current);
        month = month.plusMonths(1)) {
      months.add(month);
    }
    return months;
  }
}
