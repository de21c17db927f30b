package io.parkloop.reference;

import java.util.Map;

/**
 * A discharge outlet (排放口) with its HJ 212 monitoring point.
 *
 * @param type {@code water} or {@code air}
 * @param mn the monitoring point's HJ 212 MN code
 * @param limits concentration limits by 2017 factor code, mg/L for water and mg/m³ for air
 */
public record Outlet(String id, String enterprise, String type, String mn, Map<String, Double> limits) implements java.io.Serializable {}
