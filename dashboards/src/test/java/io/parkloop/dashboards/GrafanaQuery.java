package io.parkloop.dashboards;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Expands a panel's SQL the way Grafana's PostgreSQL data source does before it sends it: the
 * time macros ({@code $__timeFilter(col)}, {@code $__timeFrom()}, {@code $__timeTo()}) and the
 * template variables ({@code $var}, {@code ${var}}, {@code ${var:sqlstring}}; a multi-value
 * variable becomes a comma-separated list of quoted strings).
 */
final class GrafanaQuery {
  private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([^)]+)\\)");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::(\\w+))?}|\\$(\\w+)");

  private GrafanaQuery() {}

  static String expand(String sql, Instant from, Instant to, Map<String, List<String>> variables) {
    String expanded = TIME_FILTER.matcher(sql).replaceAll(m -> Matcher.quoteReplacement(
        m.group(1) + " BETWEEN '" + from + "' AND '" + to + "'"));
    expanded = expanded.replace("$__timeFrom()", "'" + from + "'").replace("$__timeTo()", "'" + to + "'");
    if (expanded.contains("$__")) {
      throw new IllegalArgumentException("a macro this check does not know: " + expanded);
    }
    return VARIABLE.matcher(expanded).replaceAll(m -> {
      String name = m.group(1) != null ? m.group(1) : m.group(3);
      List<String> values = variables.get(name);
      if (values == null) {
        throw new IllegalArgumentException("the query uses an undefined variable $" + name);
      }
      String format = m.group(2);
      String replacement = format == null || format.equals("sqlstring")
          ? values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(","))
          : String.join(",", values);
      return Matcher.quoteReplacement(replacement);
    });
  }
}
