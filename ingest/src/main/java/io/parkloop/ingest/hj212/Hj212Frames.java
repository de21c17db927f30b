package io.parkloop.ingest.hj212;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Wraps a data segment into a frame ready to write: {@code ##}, length, data, CRC, CRLF. */
public final class Hj212Frames {
  private Hj212Frames() {}

  /**
   * Encodes {@code dataSegment} as UTF-8 and frames it. The length field counts bytes, which is
   * what HJ 212-2025 asks for and what the older versions amount to for their ASCII content.
   *
   * @throws IllegalArgumentException when the segment is longer than the four-digit length field
   *     can announce
   */
  public static byte[] encode(String dataSegment) {
    byte[] data = dataSegment.getBytes(StandardCharsets.UTF_8);
    if (data.length > 9999) {
      throw new IllegalArgumentException("data segment of " + data.length + " bytes exceeds 9999");
    }
    byte[] head = String.format(Locale.ROOT, "##%04d", data.length)
        .getBytes(StandardCharsets.US_ASCII);
    byte[] tail = (Hj212Crc.toHex(Hj212Crc.compute(data)) + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] frame = new byte[head.length + data.length + tail.length];
    System.arraycopy(head, 0, frame, 0, head.length);
    System.arraycopy(data, 0, frame, head.length, data.length);
    System.arraycopy(tail, 0, frame, head.length + data.length, tail.length);
    return frame;
  }
}
