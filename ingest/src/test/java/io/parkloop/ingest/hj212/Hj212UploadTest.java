package io.parkloop.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class Hj212UploadTest {
  // 2026-03-01 08:00 in Beijing time
  static final Instant EIGHT_O_CLOCK = Instant.parse("2026-03-01T00:00:00Z");

  @Test
  void writesTheDataSegmentAsTheStandardLaysItOut() {
    Hj212Upload upload = Hj212Upload.of("2061", "88888880000001", EIGHT_O_CLOCK, "w01018-Avg=20.5,w01018-Flag=N");

    assertThat(upload.segment()).isEqualTo("QN=20260301080000000;ST=32;CN=2061;PW=123456;MN=88888880000001;Flag=4;"
        + "CP=&&DataTime=20260301080000;w01018-Avg=20.5,w01018-Flag=N&&");
    assertThat(upload.sentAt(EIGHT_O_CLOCK.plusMillis(3_723_045)).system(31).version(Hj212Version.HJ212_2025).segment())
        .isEqualTo("QN=20260301090203045;ST=31;CN=2061;PW=123456;MN=88888880000001;Flag=8;"
            + "CP=&&DataTime=20260301080000;w01018-Avg=20.5,w01018-Flag=N&&");
  }

  @Test
  void framesItWithItsLengthAndCrcSoThatTheDecoderReadsItBack() {
    Hj212Upload upload = Hj212Upload.of("2061", "88888880000001", EIGHT_O_CLOCK, "w01018-Avg=20.5,w01018-Flag=N");

    String line = upload.line();
    assertThat(line).startsWith("##0130QN=").doesNotContain("\r\n");
    assertThat(new String(upload.frame(), StandardCharsets.US_ASCII)).isEqualTo(line + "\r\n");
    Hj212Result decoded = new Hj212Decoder().decode(upload.frame());
    assertThat(decoded).isInstanceOf(Hj212Packet.class);
    Hj212Packet packet = (Hj212Packet) decoded;
    assertThat(packet.mn()).isEqualTo("88888880000001");
    assertThat(packet.cn()).isEqualTo("2061");
    assertThat(packet.version()).isEqualTo(Hj212Version.HJ212_2017);
    assertThat(packet.dataTime()).isEqualTo(EIGHT_O_CLOCK);
  }
}
