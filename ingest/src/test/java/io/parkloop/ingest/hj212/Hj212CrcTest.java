package io.parkloop.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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

  @Test
  void differsFromModbus() {
    // CRC-16/MODBUS of "123456789" is 4B37; HJ 212's shift-before-xor variant is not
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);

    assertThat(Hj212Crc.compute(check)).isNotEqualTo(0x4B37);
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
