package io.parkloop.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parkloop.avro.DeadLetter;
import io.parkloop.avro.Reading;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

class AvroCodecTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:15:00Z");

  @Test
  void roundTripsAReadingWithTheSchemaFingerprintInFront() throws IOException {
    AvroCodec<Reading> codec = AvroCodec.of(Reading.class);
    Reading reading = Reading.newBuilder()
        .setMeter("E001-ELEC").setEnterprise("E001").setMedium("electricity").setReading("cumulative")
        .setTs(T0).setValue(152340.5).setUnit("kWh").setReceivedAt(T0.plusSeconds(2))
        .setSource("mqtt:parkloop/v1/readings/E001/E001-ELEC").build();

    byte[] message = codec.encode(reading);

    assertThat(message[0]).isEqualTo((byte) 0xC3);
    assertThat(message[1]).isEqualTo((byte) 0x01);
    long fingerprint = ByteBuffer.wrap(message, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(Reading.getClassSchema()));
    assertThat(codec.decode(message)).isEqualTo(reading);
  }

  @Test
  void refusesAMessageOfAnotherRecordType() {
    AvroCodec<DeadLetter> deadLetters = AvroCodec.of(DeadLetter.class);
    byte[] reading = AvroCodec.of(Reading.class).encode(Reading.newBuilder()
        .setMeter("m").setEnterprise("e").setMedium("electricity").setReading("cumulative")
        .setTs(T0).setValue(1).setUnit("kWh").setReceivedAt(T0).setSource("test").build());

    assertThatThrownBy(() -> deadLetters.decode(reading)).isInstanceOf(IOException.class);
  }
}
