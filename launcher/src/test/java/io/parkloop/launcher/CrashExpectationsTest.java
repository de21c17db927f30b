package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.launcher.CrashExpectations.ExpectedRow;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The crash suite's expected export against values worked out by hand from {@link
 * CrashDataSet#counter}: meter i gains 10 + (step / 12 + i) % 7 at each step.
 */
class CrashExpectationsTest {
  private static final String E1_ELECTRICITY_HOUR_0 = "enterprise,E1,hour,2026-03-01T00:00:00+08:00,electricity_kwh";
  private final Map<String, ExpectedRow> expected = CrashExpectations.export();

  @Test
  void anHoursConsumptionIsItsTwelveStepsOfTheCounter() {
    // E1-ELEC (i = 0): steps 1..11 gain 10 each, step 12 (01:00) gains 11
    assertThat(expected.get(E1_ELECTRICITY_HOUR_0).value()).isEqualTo(121);
    // E3-ELEC (i = 4): 11 × 14 + 15
    assertThat(expected.get("enterprise,E3,hour,2026-03-01T00:00:00+08:00,electricity_kwh").value()).isEqualTo(169);
  }

  @Test
  void theDaySumsItsHoursAndTheRollingMonthEndsTheDayAfter() {
    // E1-ELEC over steps 1..287: 287 × 10 + 12 × (sum of k % 7 for k = 1..23 = 66)
    assertThat(expected.get("enterprise,E1,day,2026-03-01T00:00:00+08:00,electricity_kwh").value()).isEqualTo(3662);
    assertThat(expected.get("enterprise,E1,r30d,2026-03-02T00:00:00+08:00,electricity_kwh").value()).isEqualTo(3662);
    ExpectedRow energy = expected.get("enterprise,E1,day,2026-03-01T00:00:00+08:00,energy_tce");
    assertThat(energy.value()).isCloseTo(3662 * 0.1229 / 1000, Offset.offset(1e-9));
    assertThat(energy.tolerance()).as("its 24 rounded hour parts (the opening hour is the day before)")
        .isCloseTo(24 * 0.5e-6, Offset.offset(1e-15));
  }

  @Test
  void differencesNameMissingDoubledWrongAndUnexpectedRows() {
    String right = E1_ELECTRICITY_HOUR_0 + ",121,kWh";
    List<String> wrong = CrashExpectations.differences(Map.of(E1_ELECTRICITY_HOUR_0, new ExpectedRow(121, "kWh", 0),
        "park,SIP,day,2026-03-01T00:00:00+08:00,electricity_kwh", new ExpectedRow(1, "kWh", 0)),
        List.of(right, right, "park,X,hour,2026-03-01T00:00:00+08:00,electricity_kwh,1,kWh"));

    assertThat(wrong).containsExactly("doubled: " + right,
        "unexpected: park,X,hour,2026-03-01T00:00:00+08:00,electricity_kwh,1,kWh",
        "missing: park,SIP,day,2026-03-01T00:00:00+08:00,electricity_kwh");
    assertThat(CrashExpectations.differences(Map.of(E1_ELECTRICITY_HOUR_0, new ExpectedRow(120, "kWh", 0)),
        List.of(right))).containsExactly("wrong: " + right + ", expected 120 kWh");
  }
}
