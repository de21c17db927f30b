package io.parkloop.reference;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads {@code reference.yaml} (SPEC "Reference data"). Every problem is reported as a
 * {@link ReferenceDataException} naming the file, the line and the key; cross references
 * (an enterprise's park, a meter's enterprise, ...) are checked too.
 */
public final class ReferenceLoader {
  private static final Set<String> CITIES = Set.of("南京", "无锡", "常州", "苏州", "镇江", "南通",
      "扬州", "泰州", "徐州", "连云港", "淮安", "盐城", "宿迁");

  private ReferenceLoader() {}

  public static ReferenceData load(Path file) {
    try {
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read reference data " + file, e);
    }
  }

  public static ReferenceData parse(String fileName, String yaml) {
    Node root;
    try (Reader reader = new StringReader(yaml)) {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      // SnakeYAML refuses documents over 3 MB by default, a guard against hostile input; this
      // file is the operator's own, and a province's 100,000 meters take about 12 MB
      options.setCodePointLimit(Integer.MAX_VALUE);
      root = new Yaml(options).compose(reader);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      throw new ReferenceDataException(fileName, line, "(syntax)", e.getProblem());
    } catch (ReaderException e) { // found by ReferenceLoaderFuzzTest: a control character escaped
      throw new ReferenceDataException(fileName, lineAt(yaml, e.getPosition()), "(characters)",
          String.format("character U+%04X is not allowed in YAML", e.getCodePoint()));
    } catch (YAMLException e) {
      throw new ReferenceDataException(fileName, 1, "(syntax)", e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null) {
      throw new ReferenceDataException(fileName, 1, "parks", "the file is empty");
    }
    return read(new YamlNode(fileName, "", root));
  }

  /** The 1-based line of the character {@code codePoints} into the text, as YAML counts lines. */
  static int lineAt(String text, int codePoints) {
    int clamped = Math.min(Math.max(codePoints, 0), text.codePointCount(0, text.length()));
    String before = text.substring(0, text.offsetByCodePoints(0, clamped));
    return before.split("\r\n|\r|\n|\u0085|\u2028|\u2029", -1).length;
  }

  private static ReferenceData read(YamlNode root) {
    List<Park> parks = new ArrayList<>();
    Set<String> parkIds = new HashSet<>();
    for (YamlNode item : root.require("parks").items()) {
      Park park = new Park(unique(item.require("id"), parkIds), item.require("name").text(),
          city(item.require("city")), item.require("level").oneOf("national", "provincial"),
          versions(item, "land_area_km2", item.require("land_area_km2").positiveNumber()));
      parks.add(park);
    }
    if (parks.isEmpty()) {
      throw root.require("parks").error("at least one park is needed");
    }

    List<Enterprise> enterprises = new ArrayList<>();
    Set<String> enterpriseIds = new HashSet<>();
    for (YamlNode item : root.require("enterprises").items()) {
      enterprises.add(new Enterprise(unique(item.require("id"), enterpriseIds),
          reference(item.require("park"), parkIds, "park"),
          item.child("name").map(YamlNode::text).orElse(item.require("id").text()),
          item.child("industry").map(YamlNode::text).orElse(null)));
    }

    List<Utility> utilities = new ArrayList<>();
    Set<String> supplierIds = new HashSet<>(enterpriseIds);
    for (YamlNode item : root.child("utilities").map(YamlNode::items).orElse(List.of())) {
      YamlNode id = item.require("id");
      if (enterpriseIds.contains(id.text())) {
        throw id.error("'" + id.text() + "' is already an enterprise id; a supplier id names one thing");
      }
      utilities.add(new Utility(unique(id, supplierIds), reference(item.require("park"), parkIds, "park"),
          item.child("name").map(YamlNode::text).orElse(id.text())));
    }

    List<Meter> meters = new ArrayList<>();
    Set<String> meterIds = new HashSet<>();
    for (YamlNode item : root.child("meters").map(YamlNode::items).orElse(List.of())) {
      meters.add(meter(item, meterIds, enterpriseIds, supplierIds));
    }

    List<Outlet> outlets = new ArrayList<>();
    Set<String> outletIds = new HashSet<>();
    Set<String> mns = new HashSet<>();
    for (YamlNode item : root.child("outlets").map(YamlNode::items).orElse(List.of())) {
      outlets.add(outlet(item, outletIds, mns, enterpriseIds));
    }

    List<Permit> permits = new ArrayList<>();
    for (YamlNode item : root.child("permits").map(YamlNode::items).orElse(List.of())) {
      permits.add(new Permit(reference(item.require("enterprise"), enterpriseIds, "enterprise"),
          item.require("factor").text(), item.require("tonnes_per_year").positiveNumber()));
    }

    List<Target> targets = new ArrayList<>();
    for (YamlNode item : root.child("targets").map(YamlNode::items).orElse(List.of())) {
      targets.add(new Target(reference(item.require("park"), parkIds, "park"),
          item.require("year").integer(), item.require("indicator").text(),
          item.require("target").positiveNumber()));
    }
    return new ReferenceData(parks, enterprises, meters, outlets, permits, targets, utilities);
  }

  private static Meter meter(YamlNode item, Set<String> meterIds, Set<String> enterpriseIds, Set<String> supplierIds) {
    String id = unique(item.require("id"), meterIds);
    String enterprise = reference(item.require("enterprise"), enterpriseIds, "enterprise");
    YamlNode mediumNode = item.require("medium");
    Medium medium = Medium.of(mediumNode.text()).orElseThrow(() -> mediumNode.error(
        "unknown medium '" + mediumNode.text() + "'; known: " + knownMedia()));
    boolean cumulative = item.require("reading").oneOf("cumulative", "interval").equals("cumulative");
    YamlNode unitNode = item.child("unit").orElse(null);
    String unit = unitNode == null ? medium.canonicalUnit() : unitNode.text();
    if (unitNode != null) {
      try {
        Units.convert(1.0, unit, medium.canonicalUnit(), medium);
      } catch (IllegalArgumentException e) {
        throw unitNode.error(e.getMessage() + " (" + medium.id() + " is measured in " + medium.canonicalUnit() + ")");
      }
    }
    Double rollover = item.child("rollover").map(YamlNode::positiveNumber).orElse(null);
    if (rollover != null && !cumulative) {
      throw item.require("rollover").error("only cumulative meters roll over");
    }
    Double coalFactor = item.child("standard_coal_factor").map(YamlNode::positiveNumber).orElse(null);
    if (medium.isEnergy() && medium.standardCoalKgce().isEmpty() && coalFactor == null) {
      throw mediumNode.error(medium.id() + " has no reference standard-coal factor: give the meter its standard_coal_factor");
    }
    Versions coalFactors = coalFactor == null ? null : Versions.always(coalFactor);
    if (item.child("changes").isPresent()) {
      if (!medium.isEnergy()) {
        throw item.require("changes").error("only an energy meter's standard_coal_factor changes; "
            + medium.id() + " has none");
      }
      coalFactors = versions(item, "standard_coal_factor", coalFactor == null ? medium.standardCoalKgce().orElseThrow() : coalFactor);
    }
    return new Meter(id, enterprise, medium, cumulative, unit, rollover,
        item.child("interval").map(YamlNode::duration).orElse(null), coalFactors,
        item.child("supplier").map(node -> supplier(node, medium, enterprise, supplierIds)).orElse(null));
  }

  /**
   * The value of {@code key} over time: {@code base} until the first of the item's {@code changes}
   * (a list of {@code {valid_from: 2026-07-01, key: value}}, days ascending), each from its day on.
   */
  private static Versions versions(YamlNode item, String key, double base) {
    Versions versions = Versions.always(base);
    for (YamlNode change : item.child("changes").map(YamlNode::items).orElse(List.of())) {
      YamlNode day = change.require("valid_from");
      try {
        versions = versions.from(day.day(), change.require(key).positiveNumber());
      } catch (IllegalArgumentException e) {
        throw day.error(e.getMessage());
      }
    }
    return versions;
  }

  /** A transfer meter's supplier: an enterprise of any park or a park utility, never the consumer itself. */
  private static String supplier(YamlNode node, Medium medium, String consumer, Set<String> supplierIds) {
    if (!medium.isTransferable()) {
      throw node.error(medium.id() + " is not supplied between enterprises; transfer media: " + transferableMedia());
    }
    String supplier = reference(node, supplierIds, "supplier (enterprise or utility)");
    if (supplier.equals(consumer)) {
      throw node.error("the supplier is the meter's own enterprise '" + consumer + "'; a transfer goes to another enterprise");
    }
    return supplier;
  }

  private static Outlet outlet(YamlNode item, Set<String> outletIds, Set<String> mns, Set<String> enterpriseIds) {
    String id = unique(item.require("id"), outletIds);
    String enterprise = reference(item.require("enterprise"), enterpriseIds, "enterprise");
    String type = item.require("type").oneOf("water", "air");
    String mn = unique(item.require("mn"), mns);
    Map<String, Double> limits = new LinkedHashMap<>();
    for (String key : List.of("limits_mg_per_l", "limits_mg_per_m3", "limits")) {
      item.child(key).ifPresent(node -> node.entries().forEach((factor, limit) -> limits.put(factor, limit.positiveNumber())));
    }
    List<String> treatment = codes(item, "treatment_equipment");
    List<String> production = codes(item, "production_equipment");
    double idleKw = item.child("idle_kw").map(YamlNode::number).orElse(Outlet.DEFAULT_IDLE_KW);
    return new Outlet(id, enterprise, type, mn, Map.copyOf(limits), treatment, production, idleKw);
  }

  /** A list of HJ 212 codes, e.g. {@code treatment_equipment: [e30101, e30102]}; none when absent. */
  private static List<String> codes(YamlNode item, String key) {
    return item.child(key).map(node -> node.items().stream().map(YamlNode::text).toList()).orElse(List.of());
  }

  private static String unique(YamlNode node, Set<String> seen) {
    String id = node.text();
    if (!seen.add(id)) {
      throw node.error("duplicate id '" + id + "'");
    }
    return id;
  }

  private static String reference(YamlNode node, Set<String> known, String what) {
    String id = node.text();
    if (!known.contains(id)) {
      throw node.error("unknown " + what + " '" + id + "'");
    }
    return id;
  }

  private static String city(YamlNode node) {
    String city = node.text().replaceAll("市$", "");
    if (!CITIES.contains(city)) {
      throw node.error("'" + node.text() + "' is not one of the 13 prefecture cities");
    }
    return city;
  }

  private static String transferableMedia() {
    StringBuilder names = new StringBuilder();
    for (Medium medium : Medium.values()) {
      if (medium.isTransferable()) {
        names.append(names.length() == 0 ? "" : ", ").append(medium.id());
      }
    }
    return names.toString();
  }

  private static String knownMedia() {
    StringBuilder names = new StringBuilder();
    for (Medium medium : Medium.values()) {
      names.append(names.length() == 0 ? "" : ", ").append(medium.id());
    }
    return names.toString();
  }
}
