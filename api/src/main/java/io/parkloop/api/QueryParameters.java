package io.parkloop.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The query string of a request, read strictly: an unknown, repeated or malformed parameter is a {@link BadRequest}. */
final class QueryParameters {
  /** Longer than any id, date or choice the API takes; a longer value is refused, not echoed. */
  static final int MAX_VALUE_LENGTH = 200;
  private final Map<String, String> values;

  private QueryParameters(Map<String, String> values) {
    this.values = values;
  }

  /** Parses {@code rawQuery} (still URL-encoded; null for none), accepting only the names in {@code allowed}. */
  static QueryParameters parse(String rawQuery, Set<String> allowed) {
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int equals = pair.indexOf('=');
        String name = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        if (!allowed.contains(name)) {
          throw new BadRequest("unknown parameter '" + name + "'; this endpoint takes " + new TreeSet<>(allowed));
        }
        checkPlain(name, value);
        if (values.put(name, value) != null) {
          throw new BadRequest("parameter '" + name + "' given twice");
        }
      }
    }
    return new QueryParameters(values);
  }

  /**
   * No control characters (PostgreSQL refuses a NUL in text, which would make a 500 of a bad
   * request) and no value longer than any the API can match.
   */
  private static void checkPlain(String name, String value) {
    if (value.length() > MAX_VALUE_LENGTH) {
      throw new BadRequest("parameter '" + name + "' is " + value.length() + " characters long; at most "
          + MAX_VALUE_LENGTH + " are taken");
    }
    value.chars().filter(Character::isISOControl).findFirst().ifPresent(control -> {
      throw new BadRequest(String.format("parameter '%s' contains the control character U+%04X", name, control));
    });
  }

  private static String decode(String encoded) {
    try {
      return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("malformed URL encoding in '" + encoded + "'");
    }
  }

  /** The value, or null when the parameter is absent or empty (an empty filter does not filter). */
  String text(String name) {
    String value = values.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** The value if it is one of {@code choices}, or null when absent. */
  String oneOf(String name, Set<String> choices) {
    String value = text(name);
    if (value != null && !choices.contains(value)) {
      throw new BadRequest(name + " '" + value + "' is not one of " + new TreeSet<>(choices));
    }
    return value;
  }

  /** A year like 2026, or null when absent. */
  Integer year(String name) {
    String value = text(name);
    if (value == null) {
      return null;
    }
    if (!value.matches("[12][0-9]{3}")) {
      throw new BadRequest(name + " '" + value + "' is not a year like 2026");
    }
    return Integer.valueOf(value);
  }

  /** An ISO date like 2026-03-01, or null when absent. */
  LocalDate date(String name) {
    String value = text(name);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadRequest(name + " '" + value + "' is not a date like 2026-03-01");
    }
  }
}
