package io.parkloop.storage;

import io.parkloop.reference.Enterprise;
import io.parkloop.reference.Meter;
import io.parkloop.reference.Park;
import io.parkloop.reference.ReferenceData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Mirrors the reference data into the database, in one transaction, so SQL can group by park. */
public final class ReferenceTables {
  private ReferenceTables() {}

  public static void sync(DataSource dataSource, ReferenceData reference) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        upsertParks(connection, reference);
        upsertEnterprises(connection, reference);
        upsertMeters(connection, reference);
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private static void upsertParks(Connection connection, ReferenceData reference) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("""
        insert into park (id, name, city, region, level, land_area_km2) values (?, ?, ?, ?, ?, ?)
        on conflict (id) do update set name = excluded.name, city = excluded.city, region = excluded.region,
          level = excluded.level, land_area_km2 = excluded.land_area_km2""")) {
      for (Park park : reference.parks()) {
        statement.setString(1, park.id());
        statement.setString(2, park.name());
        statement.setString(3, park.city());
        statement.setString(4, park.region().id());
        statement.setString(5, park.level());
        statement.setDouble(6, park.landAreaKm2());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private static void upsertEnterprises(Connection connection, ReferenceData reference) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("""
        insert into enterprise (id, park_id, name, industry) values (?, ?, ?, ?)
        on conflict (id) do update set park_id = excluded.park_id, name = excluded.name, industry = excluded.industry""")) {
      for (Enterprise enterprise : reference.enterprises()) {
        statement.setString(1, enterprise.id());
        statement.setString(2, enterprise.park());
        statement.setString(3, enterprise.name());
        statement.setString(4, enterprise.industry());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private static void upsertMeters(Connection connection, ReferenceData reference) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("""
        insert into meter (id, enterprise_id, medium, reading, unit) values (?, ?, ?, ?, ?)
        on conflict (id) do update set enterprise_id = excluded.enterprise_id, medium = excluded.medium,
          reading = excluded.reading, unit = excluded.unit""")) {
      for (Meter meter : reference.meters()) {
        statement.setString(1, meter.id());
        statement.setString(2, meter.enterprise());
        statement.setString(3, meter.medium().id());
        statement.setString(4, meter.cumulative() ? "cumulative" : "interval");
        statement.setString(5, meter.unit());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }
}
