package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.parkloop.embedded.FreePorts;
import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import io.parkloop.jobs.JobSettings;
import io.parkloop.launcher.replay.DayCorrectionsTopic;
import io.parkloop.launcher.replay.Reconcile;
import io.parkloop.launcher.replay.Replay;
import io.parkloop.launcher.replay.ReplayFiles;
import io.parkloop.reference.Province;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import io.parkloop.storage.Databases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reading that came nine days late (beyond the maximum age) is kept in late_reading; {@code
 * parkloop reconcile} then brings it into the figures from the stored readings, exactly as if it
 * had come in time (the export equals an in-order replay's), and running it again changes nothing.
 * Without a Kafka to hand the corrections to the live job, it says so and tries again next time.
 */
@ExtendWith(SharedServices.class)
class ReconcileIT {
  private static final ZoneId SHANGHAI = Province.ZONE;
  private static final ReferenceData REFERENCE = ReferenceLoader.parse("reconcile-it.yaml", """
      parks:
        - {id: SIP, name: 苏州工业园区, city: 苏州, level: national, land_area_km2: 278.0}
      enterprises:
        - {id: E1, park: SIP}
      meters:
        - {id: E1-ELEC, enterprise: E1, medium: electricity, reading: cumulative, unit: kWh}
      """);
  /** Midnight twenty days ago in Shanghai: every reading lies in the past. */
  private static final Instant D = LocalDate.now(SHANGHAI).minusDays(20).atStartOfDay(SHANGHAI).toInstant();
  private static final int DAYS = 10;

  private static String reading(Instant t, double value) {
    return String.format(Locale.ROOT, "{\"meter\": \"E1-ELEC\", \"ts\": \"%s\", \"value\": %s}",
        OffsetDateTime.ofInstant(t, Province.ZONE), value);
  }

  /** Every two hours for ten days, 100 kWh an hour. */
  private static List<String> everyTwoHours() {
    List<String> lines = new ArrayList<>();
    for (int h = 0; h <= DAYS * 24; h += 2) {
      lines.add(reading(D.plus(Duration.ofHours(h)), 10_000 + 100.0 * h));
    }
    return lines;
  }

  /** At 01:00 of the first day the counter read 10,150: hour 0 used 150 kWh, hour 1 used 50. */
  private static final String THE_LATE_ONE = reading(D.plus(Duration.ofHours(1)), 10_150);

  @Test
  void reconcileBringsALateReadingInAsIfItHadComeInTimeAndAgainChangesNothing(TestClassServices services,
      @TempDir Path dir) throws Exception {
    List<String> late = new ArrayList<>(everyTwoHours());
    late.add(THE_LATE_ONE); // after ten days of readings: beyond the maximum age of seven
    Path lateFile = Files.write(dir.resolve("late.jsonl"), late, StandardCharsets.UTF_8);
    String jdbc = services.jdbcUrl();
    assertThat(new Replay(REFERENCE, jdbc).run(new ReplayFiles(lateFile, null, null)).late()).isEqualTo(1);
    assertThat(hourValue(jdbc, 0)).isCloseTo(100, within(1e-9));
    assertThat(hourValue(jdbc, 1)).isCloseTo(100, within(1e-9));

    Reconcile.Summary first = new Reconcile(REFERENCE, jdbc, JobSettings.defaults()).run();

    assertThat(first.lateReadingsReconciled()).isEqualTo(1);
    assertThat(hourValue(jdbc, 0)).isCloseTo(150, within(1e-9));
    assertThat(hourValue(jdbc, 1)).isCloseTo(50, within(1e-9));
    List<String> reconciled = ChainOutput.exportedRows(jdbc);

    List<String> inTime = new ArrayList<>(everyTwoHours());
    inTime.add(1, THE_LATE_ONE);
    String inOrderJdbc = services.postgres().createDatabase(services.databaseName() + "_in_order");
    new Replay(REFERENCE, inOrderJdbc).run(new ReplayFiles(Files.write(dir.resolve("in-time.jsonl"), inTime,
        StandardCharsets.UTF_8), null, null));
    assertThat(reconciled).as(ChainOutput.difference(ChainOutput.exportedRows(inOrderJdbc), reconciled))
        .containsExactlyInAnyOrderElementsOf(ChainOutput.exportedRows(inOrderJdbc));

    Reconcile.Summary second = new Reconcile(REFERENCE, jdbc, JobSettings.defaults()).run();
    assertThat(second.lateReadingsReconciled()).isZero();
    assertThat(second.line()).isEqualTo("reconcile: no late readings to bring in");
    assertThat(ChainOutput.exportedRows(jdbc)).containsExactlyInAnyOrderElementsOf(reconciled);
  }

  @Test
  void withoutKafkaTheDatabaseIsCorrectedItSaysSoAndTheLateReadingWaitsForTheNextReconciliation(
      TestClassServices services, @TempDir Path dir) throws Exception {
    List<String> late = new ArrayList<>(everyTwoHours());
    late.add(THE_LATE_ONE);
    String jdbc = services.postgres().createDatabase(services.databaseName() + "_no_kafka");
    new Replay(REFERENCE, jdbc).run(new ReplayFiles(Files.write(dir.resolve("late.jsonl"), late,
        StandardCharsets.UTF_8), null, null));
    String nobody = "127.0.0.1:" + FreePorts.pick();

    Reconcile.Summary summary = new Reconcile(REFERENCE, jdbc, JobSettings.defaults())
        .publishingTo(new DayCorrectionsTopic(nobody)).run();

    assertThat(summary.line()).contains("the database is corrected, but the day corrections could not be published"
        + " for the live job (Kafka at " + nobody + ": ").contains("the late readings stay unreconciled");
    assertThat(hourValue(jdbc, 0)).isCloseTo(150, within(1e-9));
    assertThat(summary.lateReadingsReconciled()).isZero();
    try (Connection connection = Databases.dataSource(jdbc).getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "select count(*) from late_reading where reconciled_at is null");
        ResultSet result = statement.executeQuery()) {
      result.next();
      assertThat(result.getLong(1)).as("late readings left for the next reconciliation").isEqualTo(1);
    }
  }

  /** E1's electricity in hour h of the first day. */
  private static double hourValue(String jdbc, int h) throws Exception {
    try (Connection connection = Databases.dataSource(jdbc).getConnection();
        PreparedStatement statement = connection.prepareStatement("""
            select value from indicator_value where scope_type = 'enterprise' and scope_id = 'E1'
            and period_type = 'hour' and period_start = ? and indicator = 'electricity_kwh'""")) {
      statement.setTimestamp(1, Timestamp.from(D.plus(Duration.ofHours(h))));
      try (ResultSet result = statement.executeQuery()) {
        return result.next() ? result.getDouble(1) : Double.NaN;
      }
    }
  }
}
