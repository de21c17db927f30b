package io.parkloop.reference;

import java.util.List;
import java.util.Map;

/**
 * A discharge outlet (排放口) with its HJ 212 monitoring point.
 *
 * @param type {@code water} or {@code air}
 * @param mn the monitoring point's HJ 212 MN code
 * @param limits concentration limits by 2017 factor code, mg/L for water and mg/m³ for air
 * @param treatmentEquipment the codes under which the monitoring point's HJ 212-2025 ST 44 packets
 *     report the electric power of the treatment facility behind this outlet (empty: not monitored)
 * @param productionEquipment the codes of the enterprise's production equipment in those packets
 * @param idleKw at or below this power (kW, summed over the treatment codes) the treatment facility
 *     counts as stopped
 */
public record Outlet(String id, String enterprise, String type, String mn, Map<String, Double> limits,
    List<String> treatmentEquipment, List<String> productionEquipment, double idleKw) implements java.io.Serializable {
  /** Power of the treatment facility at or below which it is taken as stopped, unless the reference data says. */
  public static final double DEFAULT_IDLE_KW = 1.0;

  /** An outlet without power monitoring. */
  public Outlet(String id, String enterprise, String type, String mn, Map<String, Double> limits) {
    this(id, enterprise, type, mn, limits, List.of(), List.of(), DEFAULT_IDLE_KW);
  }
}
