package io.parkloop.readside.acceptance;

import io.parkloop.reference.Target;
import java.util.List;

/**
 * A small province with known answers for 2026:
 * <pre>
 * park   city region level       targets (actual)                                   result
 * SIP    苏州  苏南   national    energy_output_rate 2.5 (2.4) 96 %, cod_intensity 0.5 (0.52) 96.15 %,
 *                                 water_reuse_rate 80 (75) 93.75 %                    passes
 * CZBJ   常州  苏南   provincial  energy_intensity 0.4 (0.5) 80 % — smaller is better fails
 * WX     无锡  苏南   provincial  cod_kg 500 (0): zero discharge                      passes
 * NTEDZ  南通  苏中   national    energy_output_rate 3.0 (2.7) 90 %, cod_kg 1000 (none) incomplete
 * XZ     徐州  苏北   national    energy_output_rate 2.0 (1.7) 85 %                   fails
 * YCEP   盐城  苏北   provincial  none for 2026 (one for 2025)                        no_targets
 * </pre>
 */
final class ParkSet {
  static final int YEAR = 2026;

  static final List<ParkInfo> PARKS = List.of(
      new ParkInfo("SIP", "苏州工业园区", "苏州", "苏南", "national"),
      new ParkInfo("CZBJ", "常州滨江经济开发区", "常州", "苏南", "provincial"),
      new ParkInfo("WX", "无锡新区", "无锡", "苏南", "provincial"),
      new ParkInfo("NTEDZ", "南通经济技术开发区", "南通", "苏中", "national"),
      new ParkInfo("XZ", "徐州经开区", "徐州", "苏北", "national"),
      new ParkInfo("YCEP", "盐城环保科技城", "盐城", "苏北", "provincial"));

  static final List<Target> TARGETS = List.of(
      new Target("SIP", YEAR, "energy_output_rate", 2.5),
      new Target("SIP", YEAR, "cod_intensity", 0.5),
      new Target("SIP", YEAR, "water_reuse_rate", 80),
      new Target("CZBJ", YEAR, "energy_intensity", 0.4),
      new Target("WX", YEAR, "cod_kg", 500),
      new Target("NTEDZ", YEAR, "energy_output_rate", 3.0),
      new Target("NTEDZ", YEAR, "cod_kg", 1000),
      new Target("XZ", YEAR, "energy_output_rate", 2.0),
      new Target("YCEP", YEAR - 1, "energy_output_rate", 2.0));

  static final List<ActualValue> ACTUALS = List.of(
      new ActualValue("SIP", "energy_output_rate", 2.4, "10k CNY/tce"),
      new ActualValue("SIP", "cod_intensity", 0.52, "kg/10k CNY"),
      new ActualValue("SIP", "water_reuse_rate", 75, "%"),
      new ActualValue("SIP", "energy_tce", 12_000, "tce"),
      new ActualValue("CZBJ", "energy_intensity", 0.5, "tce/10k CNY"),
      new ActualValue("WX", "cod_kg", 0, "kg"),
      new ActualValue("NTEDZ", "energy_output_rate", 2.7, "10k CNY/tce"),
      new ActualValue("XZ", "energy_output_rate", 1.7, "10k CNY/tce"),
      new ActualValue("YCEP", "energy_output_rate", 1.0, "10k CNY/tce"));

  private ParkSet() {}

  static List<ParkResult> assessed() {
    return Acceptance.assess(YEAR, false, PARKS, TARGETS, ACTUALS);
  }
}
