package io.parkloop.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.parkloop.avro.WasteRecord;
import io.parkloop.reference.Province;
import io.parkloop.reference.ReferenceData;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Checks one solid-waste or by-product record (docs/ingest.md "Solid waste and by-products")
 * against the contract and the reference data, and turns it into a {@link WasteRecord}. The
 * same checks serve an MQTT payload's element and a line of the monthly CSV.
 */
public final class WasteValidator {
  public static final List<String> CATEGORIES = List.of("general", "hazardous");
  public static final List<String> FLOWS = List.of("generated", "utilized", "transferred", "disposed", "stored");
  /** 国家危险废物名录 (2025): classes HW01 to HW50. */
  private static final Pattern HW_CODE = Pattern.compile("HW(0[1-9]|[1-4][0-9]|50)");
  private static final Set<String> FIELDS = Set.of("id", "enterprise", "date", "category", "hw_code", "flow", "to",
      "handler", "tonnes");

  private final Supplier<ReferenceData> reference;

  public WasteValidator(Supplier<ReferenceData> reference) {
    this.reference = reference;
  }

  /** Thrown for a record that cannot be trusted; carries the dead letter's reason. */
  public static final class Rejected extends RuntimeException {
    private final Rejection rejection;

    Rejected(String reason, String detail) {
      super(detail, null, false, false);
      this.rejection = Rejection.of(reason, detail);
    }

    public Rejection rejection() {
      return rejection;
    }
  }

  /**
   * @param topicEnterprise the enterprise the MQTT topic names, or null for a line of a file (then
   *     the record must name its {@code enterprise})
   * @throws Rejected naming the reason
   */
  public WasteRecord validate(JsonNode node, String topicEnterprise, String source, Instant receivedAt) {
    if (!node.isObject()) {
      throw new Rejected(Rejection.MALFORMED_JSON, "a waste record is a JSON object");
    }
    node.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        throw new Rejected(Rejection.BAD_VALUE, "unknown field '" + name + "'; known: " + String.join(", ", FIELDS.stream().sorted().toList()));
      }
    });
    ReferenceData data = reference.get();
    String enterprise = text(node, "enterprise", topicEnterprise == null);
    if (topicEnterprise != null && enterprise != null && !enterprise.equals(topicEnterprise)) {
      throw new Rejected(Rejection.ENTERPRISE_MISMATCH,
          "record of enterprise '" + enterprise + "' on the topic of '" + topicEnterprise + "'");
    }
    enterprise = enterprise == null ? topicEnterprise : enterprise;
    if (data.enterprise(enterprise).isEmpty()) {
      throw new Rejected(Rejection.UNKNOWN_ENTERPRISE, "enterprise '" + enterprise + "' is not in the reference data");
    }
    String id = text(node, "id", true);
    String category = oneOf(node, "category", CATEGORIES);
    String hwCode = text(node, "hw_code", false);
    if (category.equals("hazardous") && (hwCode == null || !HW_CODE.matcher(hwCode).matches())) {
      throw new Rejected(hwCode == null ? Rejection.MISSING_FIELD : Rejection.BAD_VALUE,
          "hazardous waste needs its 'hw_code' HW01 to HW50, got " + (hwCode == null ? "none" : "'" + hwCode + "'"));
    }
    if (category.equals("general") && hwCode != null) {
      throw new Rejected(Rejection.BAD_VALUE, "'hw_code' is for hazardous waste only");
    }
    String flow = oneOf(node, "flow", FLOWS);
    String to = text(node, "to", false);
    String handler = text(node, "handler", false);
    checkDestination(data, enterprise, flow, to, handler);
    String dateText = text(node, "date", true);
    YearMonth month;
    LocalDate date = null;
    try {
      if (dateText.length() == 7) {
        month = YearMonth.parse(dateText);
      } else {
        date = LocalDate.parse(dateText);
        month = YearMonth.from(date);
      }
    } catch (DateTimeParseException e) {
      throw new Rejected(Rejection.BAD_TIMESTAMP, "'date' must be a day such as 2026-03-12 or a month such as 2026-03, got '"
          + dateText + "'");
    }
    if (month.atDay(1).isAfter(LocalDate.ofInstant(receivedAt, Province.ZONE))) {
      throw new Rejected(Rejection.FUTURE_TIMESTAMP, "'date' " + dateText + " lies in the future");
    }
    return WasteRecord.newBuilder()
        .setEnterprise(enterprise)
        .setId(id)
        .setMonth(month.toString())
        .setDate(date == null ? null : date.toString())
        .setCategory(category)
        .setHwCode(hwCode)
        .setFlow(flow)
        .setToEnterprise(to)
        .setHandler(handler)
        .setTonnes(tonnes(node.get("tonnes")))
        .setSource(source)
        .build();
  }

  /** A transfer goes to exactly one of an enterprise and an outside handler; a disposal may name its handler. */
  private static void checkDestination(ReferenceData data, String enterprise, String flow, String to, String handler) {
    if (flow.equals("transferred")) {
      if ((to == null) == (handler == null)) {
        throw new Rejected(Rejection.MISSING_FIELD,
            "a transfer names either 'to' (an enterprise) or 'handler' (an outside licensed handler)");
      }
      if (to != null && data.enterprise(to).isEmpty()) {
        throw new Rejected(Rejection.UNKNOWN_ENTERPRISE, "receiving enterprise '" + to + "' is not in the reference data");
      }
      if (enterprise.equals(to)) {
        throw new Rejected(Rejection.BAD_VALUE, "a transfer goes to another enterprise; in-house use is flow 'utilized'");
      }
    } else if (to != null || (handler != null && !flow.equals("disposed"))) {
      throw new Rejected(Rejection.BAD_VALUE, "'to' is for transfers and 'handler' for transfers and disposals, not '"
          + flow + "'");
    }
  }

  private static String text(JsonNode node, String field, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
      if (required) {
        throw new Rejected(Rejection.MISSING_FIELD, "'" + field + "' is required");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw new Rejected(Rejection.BAD_VALUE, "'" + field + "' must be a string, got " + value);
    }
    return value.asText().trim();
  }

  private static String oneOf(JsonNode node, String field, List<String> allowed) {
    String value = text(node, field, true);
    if (!allowed.contains(value)) {
      throw new Rejected(Rejection.BAD_VALUE, "'" + field + "' is one of " + String.join(", ", allowed) + ", got '" + value + "'");
    }
    return value;
  }

  private static double tonnes(JsonNode value) {
    if (value == null || value.isNull()) {
      throw new Rejected(Rejection.MISSING_FIELD, "'tonnes' is required");
    }
    if (!value.isNumber()) {
      throw new Rejected(Rejection.BAD_VALUE, "'tonnes' must be a number, got " + value);
    }
    double tonnes = value.asDouble();
    if (!Double.isFinite(tonnes)) {
      throw new Rejected(Rejection.NON_FINITE_VALUE, "'tonnes' is " + value.asText());
    }
    if (tonnes < 0) {
      throw new Rejected(Rejection.BAD_VALUE, "'tonnes' must be ≥ 0, got " + value.asText());
    }
    return tonnes;
  }
}
