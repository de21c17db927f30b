package io.parkloop.storage;

import io.parkloop.reference.Meter;
import io.parkloop.reference.Park;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.Versions;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * The land areas and standard-coal factors that reference.yaml dates ({@code changes} with a
 * {@code valid_from}): each change gets its version in {@code park_version} / {@code meter_version}
 * on its own day, and every version of such a park or meter takes the value in force on its day,
 * so {@code park_on(day)} and {@code meter_on(day)} give what the jobs computed that day with.
 * Runs after {@link ReferenceVersions#record}, which dates other changes by the day of the sync.
 */
final class DatedChanges {
  private DatedChanges() {}

  static void record(Connection connection, ReferenceData reference) throws SQLException {
    for (Park park : reference.parks()) {
      if (!park.landAreaKm2().changes().isEmpty()) {
        apply(connection, "park", "park_id", park.id(), park.landAreaKm2(), ReferenceVersions.PARK_COLUMNS,
            "land_area_km2 = ?", value -> new double[] {value});
      }
    }
    for (Meter meter : reference.meters()) {
      if (meter.coalFactorKgce() != null && !meter.coalFactorKgce().changes().isEmpty()) {
        apply(connection, "meter", "meter_id", meter.id(), meter.coalFactorKgce(), ReferenceVersions.METER_COLUMNS,
            "coal_factor_kgce = ?, tce_per_unit = ?",
            value -> new double[] {value, meter.medium().tcePerCanonicalUnit(value)});
      }
    }
  }

  /** What a value sets, in the order of the assignment's parameters. */
  private interface Values {
    double[] of(double value);
  }

  /** Table, key, columns and assignment are constants. */
  private static void apply(Connection connection, String table, String key, String id, Versions versions,
      String columns, String assignment, Values values) throws SQLException {
    // a change's version starts as a copy of the one before it; its value is set below
    try (PreparedStatement insert = connection.prepareStatement("""
        insert into %1$s_version (%2$s, valid_from, %3$s)
        select %2$s, ?, %3$s from %1$s_version where %2$s = ? and valid_from < ? order by valid_from desc limit 1
        on conflict (%2$s, valid_from) do nothing""".formatted(table, key, columns))) {
      for (Versions.Change change : versions.changes()) {
        insert.setDate(1, Date.valueOf(change.validFrom()));
        insert.setString(2, id);
        insert.setDate(3, Date.valueOf(change.validFrom()));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    List<Versions.Change> changes = versions.changes();
    try (PreparedStatement update = connection.prepareStatement(
        "update %s_version set %s where %s = ? and valid_from >= ? and valid_from < ?".formatted(table, assignment, key))) {
      for (int i = -1; i < changes.size(); i++) {
        double value = i < 0 ? versions.base() : changes.get(i).value();
        double[] set = values.of(value);
        for (int c = 0; c < set.length; c++) {
          update.setDouble(c + 1, set[c]);
        }
        update.setString(set.length + 1, id);
        update.setObject(set.length + 2, i < 0 ? "-infinity" : changes.get(i).validFrom().toString(), Types.OTHER);
        update.setObject(set.length + 3, i + 1 < changes.size() ? changes.get(i + 1).validFrom().toString() : "infinity",
            Types.OTHER);
        update.addBatch();
      }
      update.executeBatch();
    }
  }
}
