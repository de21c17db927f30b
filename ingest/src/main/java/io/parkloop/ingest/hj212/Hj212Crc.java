package io.parkloop.ingest.hj212;

import java.util.Locale;

/**
 * HJ 212's own CRC-16 over the data segment. It is not CRC-16/MODBUS: the register is shifted
 * right by eight bits before each byte is folded in, so a MODBUS routine gives different check
 * values. Start 0xFFFF, polynomial 0xA001 (reflected), no final XOR.
 */
public final class Hj212Crc {
  private Hj212Crc() {}

  public static int compute(byte[] data, int off, int len) {
    int crc = 0xFFFF;
    for (int i = off; i < off + len; i++) {
      crc = (crc >>> 8) ^ (data[i] & 0xFF);
      for (int bit = 0; bit < 8; bit++) {
        boolean lsb = (crc & 1) != 0;
        crc >>>= 1;
        if (lsb) {
          crc ^= 0xA001;
        }
      }
    }
    return crc;
  }

  public static int compute(byte[] data) {
    return compute(data, 0, data.length);
  }

  /** The four upper-case hex digits that close a frame. */
  public static String toHex(int crc) {
    return String.format(Locale.ROOT, "%04X", crc);
  }
}
