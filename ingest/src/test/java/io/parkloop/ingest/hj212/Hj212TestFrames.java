package io.parkloop.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

/** Builds frames for tests from readable data segments, and reads results back. */
final class Hj212TestFrames {
  private Hj212TestFrames() {}

  /** A correct frame: right length, right CRC, CRLF. */
  static byte[] frame(String dataSegment) {
    return Hj212Frames.encode(dataSegment);
  }

  /** A frame whose length field says {@code length}, with a CRC that matches the data. */
  static byte[] frameWithLength(String dataSegment, String length) {
    byte[] data = dataSegment.getBytes(StandardCharsets.UTF_8);
    return ("##" + length + dataSegment + Hj212Crc.toHex(Hj212Crc.compute(data)) + "\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A frame with the right length and the given CRC field. */
  static byte[] frameWithCrc(String dataSegment, String crc) {
    int length = dataSegment.getBytes(StandardCharsets.UTF_8).length;
    return String.format("##%04d%s%s\r\n", length, dataSegment, crc)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The reason code of a result that must be a rejection. */
  static String reason(Hj212Result result) {
    assertThat(result).isInstanceOf(Hj212Rejected.class);
    return ((Hj212Rejected) result).reason();
  }

  static String text(byte[] frame) {
    return new String(frame, StandardCharsets.UTF_8);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
