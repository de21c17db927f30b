package io.parkloop.launcher;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as people write them: {@code 90s}, {@code 5m}, {@code 2h}, or ISO-8601 {@code PT1M}. */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (value.startsWith("pt") || value.startsWith("p")) {
        return Duration.parse(text.trim());
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      return switch (value.charAt(value.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        case 'd' -> Duration.ofDays(amount);
        default -> throw new TypeConversionException("'" + text + "' is not a duration such as 60s, 5m or 2h");
      };
    } catch (RuntimeException e) {
      if (e instanceof TypeConversionException conversion) {
        throw conversion;
      }
      throw new TypeConversionException("'" + text + "' is not a duration such as 60s, 5m or 2h");
    }
  }
}
