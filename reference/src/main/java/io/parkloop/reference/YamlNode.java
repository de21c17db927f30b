package io.parkloop.reference;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML node with the path that leads to it, so that every error names the file, the line and
 * the key. The typed getters throw {@link ReferenceDataException} for a missing or bad value.
 */
final class YamlNode {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|min|h|d)");

  private final String file;
  private final String path;
  private final Node node;

  YamlNode(String file, String path, Node node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  String path() { return path; }

  int line() { return node.getStartMark().getLine() + 1; }

  /** Found by ReferenceLoaderFuzzTest: a problem of the document itself named no key at all. */
  ReferenceDataException error(String problem) {
    return new ReferenceDataException(file, line(), path.isEmpty() ? "(document)" : path, problem);
  }

  /** The items of a sequence; an absent (null) section is an empty list. */
  List<YamlNode> items() {
    if (node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag())) {
      return List.of();
    }
    if (!(node instanceof SequenceNode sequence)) {
      throw error("expected a list");
    }
    List<YamlNode> items = new ArrayList<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      items.add(new YamlNode(file, path + "[" + i + "]", sequence.getValue().get(i)));
    }
    return items;
  }

  /** The entries of a mapping, in file order. */
  Map<String, YamlNode> entries() {
    if (!(node instanceof MappingNode mapping)) {
      throw error("expected a mapping of keys to values");
    }
    Map<String, YamlNode> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        throw new YamlNode(file, path, tuple.getKeyNode()).error("a key must be a plain value");
      }
      String childPath = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
      if (entries.put(key.getValue(), new YamlNode(file, childPath, tuple.getValueNode())) != null) {
        throw new YamlNode(file, childPath, key).error("duplicate key");
      }
    }
    return entries;
  }

  Optional<YamlNode> child(String key) {
    return Optional.ofNullable(entries().get(key));
  }

  YamlNode require(String key) {
    return child(key).orElseThrow(() -> error("missing required key '" + key + "'"));
  }

  String text() {
    if (!(node instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
      throw error("expected a value");
    }
    return scalar.getValue().trim();
  }

  double number() {
    try {
      double value = Double.parseDouble(text());
      if (!Double.isFinite(value)) {
        throw error("expected a finite number, got '" + text() + "'");
      }
      return value;
    } catch (NumberFormatException e) {
      throw error("expected a number, got '" + text() + "'");
    }
  }

  double positiveNumber() {
    double value = number();
    if (value <= 0) {
      throw error("must be greater than 0, got " + text());
    }
    return value;
  }

  int integer() {
    try {
      return Integer.parseInt(text());
    } catch (NumberFormatException e) {
      throw error("expected a whole number, got '" + text() + "'");
    }
  }

  /** A duration such as {@code 15m}, {@code 1h}, {@code 1d} or {@code 30s}. */
  Duration duration() {
    Matcher m = DURATION.matcher(text().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw error("expected a duration such as 15m, 1h or 1d, got '" + text() + "'");
    }
    try {
      long amount = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(amount);
        case "m", "min" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    } catch (NumberFormatException | ArithmeticException tooLong) { // found by ReferenceLoaderFuzzTest
      throw error("duration '" + text() + "' is too long");
    }
  }

  /** A calendar day such as {@code 2026-07-01}. */
  LocalDate day() {
    try {
      return LocalDate.parse(text());
    } catch (DateTimeException e) {
      throw error("expected a day such as 2026-07-01, got '" + text() + "'");
    }
  }

  String oneOf(String... allowed) {
    String value = text();
    for (String candidate : allowed) {
      if (candidate.equals(value)) {
        return value;
      }
    }
    throw error("'" + value + "' is not one of " + String.join(", ", allowed));
  }
}
