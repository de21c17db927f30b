package io.parkloop.launcher;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;

/**
 * The park-month indicators of a {@link TwoMonthDataSet}, computed straight from the SPEC's
 * definitions and the generator's ground truth (what each meter really consumed and when), with
 * none of the job's code: each consumption's share of a month is its length inside the month over
 * its whole length; quantities are summed per park first and ratios taken of the sums.
 */
final class ParkMonthExpectations {
  private static final Map<String, String> QUANTITY_BY_MEDIUM = Map.of("electricity", "electricity_kwh",
      "natural_gas", "natural_gas_m3", "steam", "steam_t", "fresh_water", "fresh_water_m3",
      "recycled_water", "recycled_water_m3");

  private ParkMonthExpectations() {}

  /** Park, month ({@code 2026-01}) and indicator to the value the export must show. */
  static Map<String, Double> of(TwoMonthDataSet data, YearMonth... months) {
    Map<String, Double> expected = new TreeMap<>();
    for (YearMonth month : months) {
      Instant from = month.atDay(1).atStartOfDay(TwoMonthDataSet.SHANGHAI).toInstant();
      Instant to = month.plusMonths(1).atDay(1).atStartOfDay(TwoMonthDataSet.SHANGHAI).toInstant();
      for (TwoMonthDataSet.Consumption used : data.consumption) {
        double share = used.quantity() * overlapSeconds(used.from(), used.to(), from, to)
            / (used.to().getEpochSecond() - used.from().getEpochSecond());
        if (share > 0) {
          String park = park(used.enterprise());
          add(expected, park, month, QUANTITY_BY_MEDIUM.get(used.medium()), share);
          if (used.kgcePerUnit() > 0) {
            add(expected, park, month, "energy_tce", share * used.kgcePerUnit() / 1000);
          }
        }
      }
      for (TwoMonthDataSet.Load load : data.loads) {
        if (!load.hour().isBefore(from) && load.hour().isBefore(to)) {
          add(expected, park(load.enterprise()), month, "cod_kg", load.kg());
        }
      }
      for (TwoMonthDataSet.Statistics row : data.statistics) {
        if (row.month().equals(month.toString())) {
          String park = park(row.enterprise());
          add(expected, park, month, "value_added_10k_cny", row.valueAdded());
          add(expected, park, month, "output_value_10k_cny", row.outputValue());
          add(expected, park, month, "material_t", row.material());
        }
      }
      for (TwoMonthDataSet.Park park : TwoMonthDataSet.PARKS) {
        addRatios(expected, park.id(), month);
      }
    }
    return expected;
  }

  static String key(String park, YearMonth month, String indicator) {
    return park + " " + month + " " + indicator;
  }

  private static void addRatios(Map<String, Double> expected, String park, YearMonth month) {
    double tce = expected.get(key(park, month, "energy_tce"));
    double fresh = expected.get(key(park, month, "fresh_water_m3"));
    double recycled = expected.get(key(park, month, "recycled_water_m3"));
    double valueAdded = expected.get(key(park, month, "value_added_10k_cny"));
    double material = expected.get(key(park, month, "material_t"));
    double cod = expected.get(key(park, month, "cod_kg"));
    expected.put(key(park, month, "water_reuse_rate"), recycled / (recycled + fresh) * 100);
    expected.put(key(park, month, "energy_output_rate"), valueAdded / tce);
    expected.put(key(park, month, "energy_intensity"), tce / valueAdded);
    expected.put(key(park, month, "water_output_rate"), valueAdded * 1e4 / fresh);
    expected.put(key(park, month, "resource_output_rate"), valueAdded * 1e4 / (tce + material));
    expected.put(key(park, month, "cod_intensity"), cod / valueAdded);
  }

  private static void add(Map<String, Double> expected, String park, YearMonth month, String indicator, double value) {
    expected.merge(key(park, month, indicator), value, Double::sum);
  }

  /** Enterprises are named after their park: {@code SIP-E1}. */
  private static String park(String enterprise) {
    return enterprise.substring(0, enterprise.indexOf('-'));
  }

  private static double overlapSeconds(Instant from, Instant to, Instant periodFrom, Instant periodTo) {
    long start = Math.max(from.getEpochSecond(), periodFrom.getEpochSecond());
    long end = Math.min(to.getEpochSecond(), periodTo.getEpochSecond());
    return Math.max(0, end - start);
  }
}
