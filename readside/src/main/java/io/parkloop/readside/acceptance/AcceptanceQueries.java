package io.parkloop.readside.acceptance;

import io.parkloop.reference.Province;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.Target;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads what {@link Acceptance} needs: parks, targets (from the database or reference.yaml) and actual values. */
public final class AcceptanceQueries {
  private AcceptanceQueries() {}

  /** Parks and targets from the tables that {@code ReferenceTables.sync} fills, actuals from {@code indicator_value}. */
  public static List<ParkResult> assess(DataSource dataSource, int year, Instant now) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return assess(connection, year, now);
    }
  }

  /**
   * As {@link #assess(DataSource, int, Instant)}, on the caller's connection: under a park
   * manager's role, row-level security leaves only the own park (the query API's case).
   */
  public static List<ParkResult> assess(Connection connection, int year, Instant now) throws SQLException {
    return Acceptance.assess(year, inProgress(year, now), parks(connection), targets(connection),
        actuals(connection, year));
  }

  /** Parks and targets from the given reference data, actuals from the database. */
  public static List<ParkResult> assess(DataSource dataSource, ReferenceData reference, int year, Instant now)
      throws SQLException {
    List<ParkInfo> parks = reference.parks().stream()
        .map(park -> new ParkInfo(park.id(), park.name(), park.city(), park.region().id(), park.level())).toList();
    try (Connection connection = dataSource.getConnection()) {
      return Acceptance.assess(year, inProgress(year, now), parks, reference.targets(), actuals(connection, year));
    }
  }

  /** True until the year has ended in Asia/Shanghai: its actuals are the year so far. */
  public static boolean inProgress(int year, Instant now) {
    return now.isBefore(LocalDate.of(year + 1, 1, 1).atStartOfDay(Province.ZONE).toInstant());
  }

  public static int currentYear(Instant now) {
    return now.atZone(Province.ZONE).getYear();
  }

  static List<ParkInfo> parks(Connection connection) throws SQLException {
    List<ParkInfo> parks = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "select id, name, city, region, level from park order by id");
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        parks.add(new ParkInfo(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
            rows.getString(5)));
      }
    }
    return parks;
  }

  static List<Target> targets(Connection connection) throws SQLException {
    List<Target> targets = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "select park_id, year, indicator, target from target order by park_id, year, indicator");
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        targets.add(new Target(rows.getString(1), rows.getInt(2), rows.getString(3), rows.getDouble(4)));
      }
    }
    return targets;
  }

  /** Each park's {@code year} row of every indicator, for the calendar year starting 1 January in Asia/Shanghai. */
  static List<ActualValue> actuals(Connection connection, int year) throws SQLException {
    List<ActualValue> actuals = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement("""
            select scope_id, indicator, value, unit from indicator_value
            where scope_type = 'park' and period_type = 'year' and period_start = ?""")) {
      statement.setTimestamp(1, Timestamp.from(LocalDate.of(year, 1, 1).atStartOfDay(Province.ZONE).toInstant()));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          actuals.add(new ActualValue(rows.getString(1), rows.getString(2), rows.getDouble(3), rows.getString(4)));
        }
      }
    }
    return actuals;
  }
}
