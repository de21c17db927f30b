package io.parkloop.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Hj212CrcTest {
  /** The standard's own example, as quoted in shared/hj212/README.md. */
  static final String STANDARD_EXAMPLE = "QN=20160801085857223;ST=32;CN=1062;PW=100000;"
      + "MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&";

  @Test
  void standardExampleChecksOut() {
    byte[] data = STANDARD_EXAMPLE.getBytes(StandardCharsets.US_ASCII);

    assertThat(data).hasSize(101); // the example's length field, ##0101
    assertThat(Hj212Crc.toHex(Hj212Crc.compute(data))).isEqualTo("1C80");
  }

  /**
   * The check value of "123456789", worked out by hand from the algorithm in shared/hj212/README.md
   * (CRC-16/MODBUS gives 4B37 for it: a routine that folds the byte in before shifting fails here).
   */
  @Test
  void checkValueOfTheStandardTestString() {
    assertThat(Hj212Crc.compute("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x2F80);
  }

  /** Frames from shared/hj212/2016-08-24-05.h212, each closed by the CRC its analyser computed. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ST=91;CN=9015;PW=123456;MN=LD130121000243;Flag=0;CP=&&DataTime=20160824045356000;CON-RT=0&& | 8801",
      "ST=32;CN=8013;PW=123456;MN=ZG130182201205;Flag=0;CP=&&HeartbeatTime=120&& | 0500",
      "ST=32;CN=2011;PW=123456;MN=LD130104000268;CP=&&DataTime=20160824045500;B01-Rtd=4.69,B01-Flag=N;"
          + "011-Rtd=70.00,011-Flag=N&& | 6E80",
      "ST=32;CN=2021;PW=123456;MN=LD130104000268;CP=&&DataTime=20160824045500;SB1-RS=0;SB2-RS=0;SB3-RS=0;"
          + "SB4-RS=0;SB5-RS=0;SB6-RS=0;SB7-RS=0;SB8-RS=0&& | E2C1"})
  void matchesTheCrcOfRealAnalysers(String dataSegment, String crcOnTheWire) {
    assertThat(Hj212Crc.toHex(Hj212Crc.compute(dataSegment.getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo(crcOnTheWire);
  }

  @Test
  void computesOverASliceOnly() {
    byte[] framed = ("##0101" + STANDARD_EXAMPLE + "1C80").getBytes(StandardCharsets.US_ASCII);

    assertThat(Hj212Crc.compute(framed, 6, 101)).isEqualTo(0x1C80);
  }

  @Test
  void hexIsFourUpperCaseDigits() {
    assertThat(Hj212Crc.toHex(0x0A)).isEqualTo("000A");
    assertThat(Hj212Crc.toHex(0xBEEF)).isEqualTo("BEEF");
  }

  @Test
  void decoderComparesCrcHexCaseInsensitively() {
    Hj212Decoder decoder = new Hj212Decoder();

    assertThat(decoder.decode(bytes("##0101" + STANDARD_EXAMPLE + "1C80\r\n")))
        .isInstanceOf(Hj212Packet.class);
    assertThat(decoder.decode(bytes("##0101" + STANDARD_EXAMPLE + "1c80\r\n")))
        .isInstanceOf(Hj212Packet.class);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
