package io.parkloop.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkloop.avro.Reading;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.junit.jupiter.api.Test;

/**
 * A real schema change, not the released v1 compared with itself: Reading v2 (test resource
 * {@code evolution/Reading.v2.avsc}) adds an optional field with a default. v1 messages decode
 * with the v2 reader, v2 messages with the v1 reader, each with values written by hand; the
 * compatibility check that guards {@code released/} rejects a change that would break readers.
 */
class ReadingSchemaEvolutionTest {
  private static final Schema V1 = AvroCodec.releasedVersions("Reading").get(0);
  private static final Schema V2 = schema("/evolution/Reading.v2.avsc");
  private static final Schema V2_REQUIRED_FIELD = schema("/evolution/Reading.v2-required-field.avsc");
  private static final long TS = 1_772_324_100_000L; // 2026-03-01T00:15:00Z
  private static final long RECEIVED_AT = TS + 2_000;

  @Test
  void aV1MessageDecodesWithTheV2ReaderWhichTakesTheDefault() throws IOException {
    byte[] message = encode(V1, v1Reading(V1).build());

    GenericRecord read = decode(V2, V1, message);

    assertThat(read.getSchema()).isEqualTo(V2);
    assertHandWrittenValues(read);
    assertThat(read.get("sequence")).isNull();
  }

  @Test
  void aV2MessageDecodesWithTheV1ReaderWhichIgnoresTheNewField() throws IOException {
    byte[] message = encode(V2, v1Reading(V2).set("sequence", 4711L).build());

    GenericRecord read = decode(V1, V2, message);

    assertThat(read.getSchema()).isEqualTo(V1);
    assertHandWrittenValues(read);
    assertThat(read.getSchema().getField("sequence")).isNull();
  }

  @Test
  void todaysCodecRefusesAV2MessageUntilV2IsReleasedToIt() {
    byte[] message = encode(V2, v1Reading(V2).set("sequence", 4711L).build());

    // a consumer learns a writer's schema only from released/: v2 must ship there before any
    // producer writes it, or its messages are dead letters, not misread readings
    assertThatThrownBy(() -> AvroCodec.of(Reading.class).decode(message))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a Reading message");
  }

  @Test
  void theCompatibilityCheckAcceptsTheOptionalFieldBothWays() {
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(V2, V1).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(V1, V2).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  @Test
  void theCompatibilityCheckRejectsARequiredFieldWithoutDefault() {
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(V2_REQUIRED_FIELD, V1).getType())
        .as("a v2 reader cannot fill a required field from v1 data")
        .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  private static GenericRecordBuilder v1Reading(Schema schema) {
    return new GenericRecordBuilder(schema)
        .set("meter", "E001-ELEC").set("enterprise", "E001").set("medium", "electricity")
        .set("reading", "cumulative").set("ts", TS).set("value", 152_340.5).set("unit", "kWh")
        .set("kind", null).set("flag", null).set("period", null)
        .set("received_at", RECEIVED_AT).set("source", "mqtt:parkloop/v1/readings/E001/E001-ELEC");
  }

  private static void assertHandWrittenValues(GenericRecord read) {
    assertThat(read.get("meter")).hasToString("E001-ELEC");
    assertThat(read.get("enterprise")).hasToString("E001");
    assertThat(read.get("medium")).hasToString("electricity");
    assertThat(read.get("reading")).hasToString("cumulative");
    assertThat(read.get("ts")).isEqualTo(TS);
    assertThat(read.get("value")).isEqualTo(152_340.5);
    assertThat(read.get("unit")).hasToString("kWh");
    assertThat(read.get("flag")).isNull();
    assertThat(read.get("received_at")).isEqualTo(RECEIVED_AT);
    assertThat(read.get("source")).hasToString("mqtt:parkloop/v1/readings/E001/E001-ELEC");
  }

  private static byte[] encode(Schema writer, GenericRecord record) {
    try {
      ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static GenericRecord decode(Schema reader, Schema writer, byte[] message) throws IOException {
    SchemaStore.Cache known = new SchemaStore.Cache();
    known.addSchema(writer);
    return new BinaryMessageDecoder<GenericRecord>(GenericData.get(), reader, known).decode(message);
  }

  private static Schema schema(String resource) {
    try (InputStream in = ReadingSchemaEvolutionTest.class.getResourceAsStream(resource)) {
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + resource, e);
    }
  }
}
