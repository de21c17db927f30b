package io.parkloop.storage.flows;

import java.time.Instant;

/**
 * One row of {@code material_flow} (V20): in a park and period, how much of {@code flow} passed
 * from {@code source} to {@code target}; {@code direction} is internal, in or out of the park.
 */
public record FlowRecord(String park, String periodType, Instant periodStart, String source, String target,
    String direction, String flow, double value, String unit) {
  /** The end of a flow that is no enterprise or utility of the reference data: the grid, a supplier, disposal. */
  public static final String OUTSIDE = "outside";
}
