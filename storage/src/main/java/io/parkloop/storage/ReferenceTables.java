package io.parkloop.storage;

import io.parkloop.reference.Enterprise;
import io.parkloop.reference.Meter;
import io.parkloop.reference.Park;
import io.parkloop.reference.Province;
import io.parkloop.reference.ReferenceData;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import javax.sql.DataSource;

/**
 * Mirrors the reference data into the database, in one transaction, so SQL can group by park:
 * the current parks, enterprises and meters, a new version of each park and meter whose values
 * changed ({@link ReferenceVersions}) or that reference.yaml dates ({@link DatedChanges}), and the outlets, permits and targets ({@link TargetAndDischargeTables}).
 */
public final class ReferenceTables {
  private ReferenceTables() {}

  /** Syncs with changed values applying from today (Asia/Shanghai). */
  public static void sync(DataSource dataSource, ReferenceData reference) throws SQLException {
    sync(dataSource, reference, LocalDate.now(Province.ZONE));
  }

  /**
   * Syncs; a park or meter whose values on {@code changedFrom} differ from its version in force
   * then gets a version that applies from that day on (the first version of a new one applies
   * since always); the changes reference.yaml dates get versions on their own days.
   */
  public static void sync(DataSource dataSource, ReferenceData reference, LocalDate changedFrom) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        upsertParks(connection, reference, changedFrom);
        upsertEnterprises(connection, reference);
        upsertMeters(connection, reference, changedFrom);
        ReferenceVersions.record(connection, changedFrom);
        DatedChanges.record(connection, reference);
        TargetAndDischargeTables.replace(connection, reference);
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  /** The parks as on {@code day}: a land area changed from a later day is not yet theirs. */
  private static void upsertParks(Connection connection, ReferenceData reference, LocalDate day) throws SQLException {
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
        statement.setDouble(6, park.landAreaKm2().on(day));
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

  /** The meters as on {@code day}, with the factor in force then. */
  private static void upsertMeters(Connection connection, ReferenceData reference, LocalDate day) throws SQLException {
    long dayStart = day.atStartOfDay(Province.ZONE).toInstant().toEpochMilli();
    try (PreparedStatement statement = connection.prepareStatement("""
        insert into meter (id, enterprise_id, medium, reading, unit, rollover, interval_seconds, coal_factor_kgce,
          tce_per_unit) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
        on conflict (id) do update set enterprise_id = excluded.enterprise_id, medium = excluded.medium,
          reading = excluded.reading, unit = excluded.unit, rollover = excluded.rollover,
          interval_seconds = excluded.interval_seconds, coal_factor_kgce = excluded.coal_factor_kgce,
          tce_per_unit = excluded.tce_per_unit""")) {
      for (Meter meter : reference.meters()) {
        statement.setString(1, meter.id());
        statement.setString(2, meter.enterprise());
        statement.setString(3, meter.medium().id());
        statement.setString(4, meter.cumulative() ? "cumulative" : "interval");
        statement.setString(5, meter.unit());
        statement.setObject(6, meter.rollover(), Types.DOUBLE);
        statement.setObject(7, meter.interval() == null ? null : meter.interval().toSeconds(), Types.BIGINT);
        statement.setObject(8, meter.coalFactorKgce() == null ? null : meter.coalFactorKgce().on(day), Types.DOUBLE);
        statement.setDouble(9, meter.tcePerUnit(dayStart));
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }
}
