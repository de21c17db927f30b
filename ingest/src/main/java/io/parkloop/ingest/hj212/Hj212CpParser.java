package io.parkloop.ingest.hj212;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the content of a CP field: groups separated by {@code ;}, items within a group by
 * {@code ,}, each item {@code key=value}. An item {@code code-Kind=number} is a value; its data
 * flag is the {@code code-Flag} of the same group (and {@code code-ZsFlag}, where an analyser
 * sends one, for the corrected Zs values), which is how real traffic pairs them:
 * {@code 01-Rtd=3.56,01-Flag=N;01-ZsRtd=4.93,01-Flag=N}.
 *
 * <p>Lenient by design: empty items (a trailing {@code ;}), items without {@code =} and values
 * that are not plain decimal numbers are skipped one by one, so one odd field never costs the
 * others.
 */
final class Hj212CpParser {
  /** Plain decimal as analysers send it, not all that parseDouble takes (NaN, 1f, 0x1p3). */
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

  record Cp(List<Hj212Value> values, Map<String, String> parameters) {}

  private record Item(String code, String kind, String text) {}

  private Hj212CpParser() {}

  static Cp parse(String cp) {
    List<Hj212Value> values = new ArrayList<>();
    Map<String, String> parameters = new HashMap<>();
    for (String group : cp.split(";")) {
      List<Item> items = new ArrayList<>();
      Map<String, String> flags = new HashMap<>();
      Map<String, String> zsFlags = new HashMap<>();
      for (String item : group.split(",")) {
        int eq = item.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String key = item.substring(0, eq).trim();
        String text = item.substring(eq + 1).trim();
        int dash = key.indexOf('-');
        if (dash <= 0 || dash == key.length() - 1) {
          parameters.putIfAbsent(key, text);
          continue;
        }
        String code = key.substring(0, dash);
        String kind = key.substring(dash + 1);
        switch (kind) {
          case "Flag" -> flags.put(code, text);
          case "ZsFlag" -> zsFlags.put(code, text);
          default -> items.add(new Item(code, kind, text));
        }
      }
      for (Item item : items) {
        if (!NUMBER.matcher(item.text()).matches()) {
          continue;
        }
        double value = Double.parseDouble(item.text());
        if (!Double.isFinite(value)) { // 1e999
          continue;
        }
        String flag = item.kind().startsWith("Zs")
            ? zsFlags.getOrDefault(item.code(), flags.get(item.code()))
            : flags.get(item.code());
        values.add(new Hj212Value(Hj212FactorCodes.to2017(item.code()), item.code(), item.kind(),
            value, emptyToNull(flag)));
      }
    }
    return new Cp(values, parameters);
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
