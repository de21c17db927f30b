package io.parkloop.storage;

import io.parkloop.reference.Outlet;
import io.parkloop.reference.Permit;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.Target;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Outlets with their concentration limits, permits and targets, as reference.yaml has them now.
 * Permits, targets and limits are replaced as a whole: one that left the file must no longer
 * count (a dropped target is not assessed). Outlets are upserted, like parks and meters.
 */
final class TargetAndDischargeTables {
  private TargetAndDischargeTables() {}

  static void replace(Connection connection, ReferenceData reference) throws SQLException {
    try (Statement clear = connection.createStatement()) {
      clear.execute("delete from outlet_limit");
      clear.execute("delete from permit");
      clear.execute("delete from target");
    }
    upsertOutlets(connection, reference);
    insertPermits(connection, reference);
    insertTargets(connection, reference);
  }

  private static void upsertOutlets(Connection connection, ReferenceData reference) throws SQLException {
    try (PreparedStatement outlets = connection.prepareStatement("""
            insert into outlet (id, enterprise_id, type, mn) values (?, ?, ?, ?)
            on conflict (id) do update set enterprise_id = excluded.enterprise_id, type = excluded.type, mn = excluded.mn""");
        PreparedStatement limits = connection.prepareStatement(
            "insert into outlet_limit (outlet_id, factor, limit_value) values (?, ?, ?)")) {
      for (Outlet outlet : reference.outlets()) {
        outlets.setString(1, outlet.id());
        outlets.setString(2, outlet.enterprise());
        outlets.setString(3, outlet.type());
        outlets.setString(4, outlet.mn());
        outlets.addBatch();
        for (Map.Entry<String, Double> limit : outlet.limits().entrySet()) {
          limits.setString(1, outlet.id());
          limits.setString(2, limit.getKey());
          limits.setDouble(3, limit.getValue());
          limits.addBatch();
        }
      }
      outlets.executeBatch();
      limits.executeBatch();
    }
  }

  private static void insertPermits(Connection connection, ReferenceData reference) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("""
        insert into permit (enterprise_id, factor, tonnes_per_year) values (?, ?, ?)
        on conflict (enterprise_id, factor) do update set tonnes_per_year = excluded.tonnes_per_year""")) {
      for (Permit permit : reference.permits()) {
        statement.setString(1, permit.enterprise());
        statement.setString(2, permit.factor());
        statement.setDouble(3, permit.tonnesPerYear());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private static void insertTargets(Connection connection, ReferenceData reference) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("""
        insert into target (park_id, year, indicator, target) values (?, ?, ?, ?)
        on conflict (park_id, year, indicator) do update set target = excluded.target""")) {
      for (Target target : reference.targets()) {
        statement.setString(1, target.park());
        statement.setInt(2, target.year());
        statement.setString(3, target.indicator());
        statement.setDouble(4, target.target());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }
}
