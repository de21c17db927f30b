package io.parkloop.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.avro.Alert;
import io.parkloop.avro.DeadLetter;
import io.parkloop.avro.MonthlyStatistics;
import io.parkloop.avro.RawReading;
import io.parkloop.avro.Reading;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards {@code released/}: the current schemas read every released version and back, and a
 * changed schema comes with its released file. While each type has one released version, equal
 * to the current schema, the first test has nothing to tell apart; {@link ReadingSchemaEvolutionTest}
 * shows on a real v1 to v2 change that the check and the decoding across versions work.
 */
class SchemaCompatibilityTest {

  static Stream<Class<?>> recordTypes() {
    return Stream.of(RawReading.class, Reading.class, Alert.class, DeadLetter.class,
        MonthlyStatistics.class, io.parkloop.avro.WasteRecord.class, io.parkloop.avro.DayCorrection.class);
  }

  @ParameterizedTest
  @MethodSource("recordTypes")
  void currentSchemaIsFullyCompatibleWithEveryReleasedVersion(Class<?> type) {
    Schema current = SpecificData.get().getSchema(type);
    List<Schema> released = AvroCodec.releasedVersions(current.getName());

    assertThat(released).as("released versions of %s", current.getName()).isNotEmpty();
    for (Schema old : released) {
      assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, old).getType())
          .as("current %s reads data written with a released version", current.getName())
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
      assertThat(SchemaCompatibility.checkReaderWriterCompatibility(old, current).getType())
          .as("a released reader of %s reads data written with the current version", current.getName())
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
  }

  @ParameterizedTest
  @MethodSource("recordTypes")
  void latestReleasedVersionIsTheCurrentSchema(Class<?> type) {
    Schema current = SpecificData.get().getSchema(type);
    List<Schema> released = AvroCodec.releasedVersions(current.getName());

    Schema latest = released.get(released.size() - 1);
    assertThat(SchemaNormalization.parsingFingerprint64(latest))
        .as("a changed %s schema needs a new released version file", current.getName())
        .isEqualTo(SchemaNormalization.parsingFingerprint64(current));
  }
}
