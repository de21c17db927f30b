package io.parkloop.launcher.bench;

import java.util.List;
import java.util.Locale;

/**
 * The reference data of a bench fleet, as {@code reference.yaml} text. One gateway per
 * enterprise with {@code batch} meters behind it; 50 enterprises per park, parks spread over the
 * 13 cities and both levels. Ids start with a run prefix, so a bench on shared external services
 * finds its own rows among anyone else's.
 *
 * <p>The meters are chosen so that what the generator sent fixes the totals exactly:
 * <ul>
 *   <li>electricity counters (cumulative): the total is last − first per meter, whatever got
 *       lost or doubled in between, so this checks the counter arithmetic and the roll-ups;
 *   <li>steam meters (interval, no fixed interval): the total is the sum of every value sent,
 *       so any reading lost or counted twice changes it;
 *   <li>one clock meter (natural gas, cumulative) in a few probe enterprises, whose counter is
 *       its timestamp in seconds: its hour row tells which reading it reflects (freshness);
 *   <li>HJ 212 outlets (water) sending hourly loads: each outlet-hour counts once.
 * </ul>
 */
public final class BenchFleet {
  static final int ENTERPRISES_PER_PARK = 50;
  static final int PROBES = 16;
  private static final List<String> CITIES = List.of("南京", "无锡", "常州", "苏州", "镇江", "南通", "扬州", "泰州",
      "徐州", "连云港", "淮安", "盐城", "宿迁");

  private BenchFleet() {}

  /** What a meter is for in the bench, told by its medium. */
  public enum Role { COUNTER, INTERVAL, CLOCK }

  public static String enterpriseId(String prefix, int enterprise) {
    return String.format(Locale.ROOT, "%s-E%06d", prefix, enterprise);
  }

  public static String parkId(String prefix, int park) {
    return String.format(Locale.ROOT, "%s-P%04d", prefix, park);
  }

  /** The enterprise that hosts the warm-up meter, in a park of its own so it stays out of the fleet's totals. */
  public static String warmUpEnterprise(String prefix) {
    return prefix + "-WARMUP";
  }

  public static String warmUpMeter(String prefix) {
    return prefix + "-WARMUP-ELEC";
  }

  public static int enterprises(int meters, int batch) {
    return (meters + batch - 1) / batch;
  }

  /** The enterprises with a clock meter: up to {@link #PROBES}, spread evenly over the fleet. */
  public static boolean isProbe(int enterprise, int enterprises) {
    int step = Math.max(1, enterprises / PROBES);
    return enterprise % step == 0 && enterprise / step < PROBES;
  }

  /** How many enterprises have an HJ 212 outlet: enough for {@code hj212Share} of the readings. */
  public static int outlets(int enterprises, double hj212Share) {
    return hj212Share <= 0 ? 0 : Math.max(1, (int) Math.round(enterprises * Math.min(1.0, hj212Share)));
  }

  public static String yaml(String prefix, int meters, int batch, double hj212Share) {
    int enterprises = enterprises(meters, batch);
    int parks = (enterprises + ENTERPRISES_PER_PARK - 1) / ENTERPRISES_PER_PARK;
    StringBuilder yaml = new StringBuilder("# a bench fleet, written by parkloop bench\nparks:\n");
    for (int p = 0; p < parks; p++) {
      yaml.append(String.format(Locale.ROOT, "  - {id: %s, name: bench park %d, city: %s, level: %s, land_area_km2: 10.0}%n",
          parkId(prefix, p), p, CITIES.get(p % CITIES.size()), p % 2 == 0 ? "national" : "provincial"));
    }
    yaml.append(String.format(Locale.ROOT, "  - {id: %s-WARMUP, name: bench warm-up, city: 南京, level: provincial, land_area_km2: 1.0}%n",
        prefix));
    yaml.append("enterprises:\n");
    for (int e = 0; e < enterprises; e++) {
      yaml.append(String.format(Locale.ROOT, "  - {id: %s, park: %s}%n", enterpriseId(prefix, e),
          parkId(prefix, e / ENTERPRISES_PER_PARK)));
    }
    yaml.append(String.format(Locale.ROOT, "  - {id: %s, park: %s}%n", warmUpEnterprise(prefix), warmUpEnterprise(prefix)));
    yaml.append("meters:\n");
    yaml.append(String.format(Locale.ROOT, "  - {id: %s, enterprise: %s, medium: electricity, reading: cumulative, unit: kWh}%n",
        warmUpMeter(prefix), warmUpEnterprise(prefix)));
    for (int m = 0; m < meters; m++) {
      int e = m / batch;
      int slot = m % batch;
      String id = String.format(Locale.ROOT, "%s-M%02d", enterpriseId(prefix, e), slot);
      String kind = switch (role(slot, isProbe(e, enterprises))) {
        case CLOCK -> "medium: natural_gas, reading: cumulative, unit: m3";
        case COUNTER -> "medium: electricity, reading: cumulative, unit: kWh";
        case INTERVAL -> "medium: steam, reading: interval, unit: t";
      };
      yaml.append(String.format(Locale.ROOT, "  - {id: %s, enterprise: %s, %s}%n", id, enterpriseId(prefix, e), kind));
    }
    int outlets = outlets(enterprises, hj212Share);
    if (outlets > 0) {
      yaml.append("outlets:\n");
      for (int o = 0; o < outlets; o++) {
        yaml.append(String.format(Locale.ROOT, "  - {id: %s-WW, enterprise: %s, type: water, mn: \"%014d\"}%n",
            enterpriseId(prefix, o), enterpriseId(prefix, o), 90_000_000_000_000L + o));
      }
    }
    return yaml.toString();
  }

  /** The role of the meter in {@code slot} of its gateway: the probes' first meter is the clock. */
  public static Role role(int slot, boolean probe) {
    if (probe && slot == 0) {
      return Role.CLOCK;
    }
    return slot % 2 == 0 ? Role.COUNTER : Role.INTERVAL;
  }
}
