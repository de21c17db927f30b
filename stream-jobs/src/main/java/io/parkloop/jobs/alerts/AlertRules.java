package io.parkloop.jobs.alerts;

import io.parkloop.reference.Medium;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * The knobs of the four alert rules (docs/alerts.md explains each). The defaults are the SPEC's
 * where it names one.
 */
public record AlertRules(Concentration concentration, Permit permit, Silence silence, Quality quality)
    implements Serializable {

  public static AlertRules defaults() {
    return new AlertRules(new Concentration(5, 0.10, 2), new Permit(0.90, Duration.ofDays(30)),
        new Silence(Duration.ofHours(1), Duration.ofHours(2)), new Quality(Quality.DEFAULT_MAX_RATE_PER_HOUR));
  }

  /**
   * @param consecutiveValues minute or real-time values over the limit in a row that open an
   *     episode (one hourly average over the limit is enough)
   * @param hysteresis a value counts as calm at or below limit × (1 − hysteresis)
   * @param calmPeriods calm values in a row that close an episode
   */
  public record Concentration(int consecutiveValues, double hysteresis, int calmPeriods) implements Serializable {}

  /**
   * @param warningShare year-to-date load, as a share of the permitted annual load, that warns
   * @param paceFrom how much of the year must have gone before the pace (year-to-date ÷ elapsed
   *     share) is trusted: in January a single heavy day would project an absurd year
   */
  public record Permit(double warningShare, Duration paceFrom) implements Serializable {}

  /** How long without data a meter or an outlet is silent (a meter with a fixed interval: at least two intervals). */
  public record Silence(Duration meters, Duration outlets) implements Serializable {}

  /** The most a single meter can plausibly consume per hour, in its medium's canonical unit. */
  public record Quality(Map<Medium, Double> maxRatePerHour) implements Serializable {
    /** Deliberately generous, to catch garbage (a counter jumping by orders of magnitude), not heavy users. */
    public static final Map<Medium, Double> DEFAULT_MAX_RATE_PER_HOUR = Map.of(
        Medium.ELECTRICITY, 1_000_000.0,   // kWh/h: a 1 GW feeder
        Medium.NATURAL_GAS, 200_000.0,     // m³/h
        Medium.RAW_COAL, 1_000.0,          // t/h
        Medium.DIESEL, 100.0,              // t/h
        Medium.FUEL_OIL, 100.0,            // t/h
        Medium.LPG, 50.0,                  // t/h
        Medium.STEAM, 2_000.0,             // t/h
        Medium.HEAT, 10_000.0,             // GJ/h
        Medium.FRESH_WATER, 20_000.0,      // m³/h
        Medium.RECYCLED_WATER, 100_000.0); // m³/h

    public Quality {
      maxRatePerHour = Map.copyOf(maxRatePerHour);
    }
  }
}
