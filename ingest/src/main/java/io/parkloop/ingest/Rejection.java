package io.parkloop.ingest;

/**
 * Why an input cannot be trusted: a stable reason code (see docs/dead-letters.md) and a sentence
 * for a person. {@code element} is the index within a batched array payload, or null.
 */
public record Rejection(String reason, String detail, Integer element) {
  public static final String MALFORMED_JSON = "malformed_json";
  public static final String MISSING_FIELD = "missing_field";
  public static final String BAD_TIMESTAMP = "bad_timestamp";
  public static final String BAD_VALUE = "bad_value";
  public static final String NON_FINITE_VALUE = "non_finite_value";
  public static final String UNKNOWN_METER = "unknown_meter";
  public static final String UNCONVERTIBLE_UNIT = "unconvertible_unit";
  public static final String FUTURE_TIMESTAMP = "future_timestamp";
  public static final String BAD_TOPIC = "bad_topic";
  public static final String ENTERPRISE_MISMATCH = "enterprise_mismatch";
  /** A waste record of, or transferred to, an enterprise that is not in the reference data. */
  public static final String UNKNOWN_ENTERPRISE = "unknown_enterprise";
  /** A line of a waste CSV with the wrong number of cells. */
  public static final String MALFORMED_CSV = "malformed_csv";

  public static Rejection of(String reason, String detail) {
    return new Rejection(reason, detail, null);
  }

  public Rejection at(int index) {
    return new Rejection(reason, detail, index);
  }
}
