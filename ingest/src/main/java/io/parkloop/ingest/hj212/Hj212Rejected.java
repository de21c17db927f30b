package io.parkloop.ingest.hj212;

/**
 * A frame that cannot be trusted; the caller sends it to the dead-letter topic with the reason.
 *
 * @param reason one of the stable codes below, for counting and alerting
 * @param detail what exactly was wrong, for a person reading the dead letter
 */
public record Hj212Rejected(String reason, String detail) implements Hj212Result {
  /** The length field is not four digits or does not match the data segment's byte count. */
  public static final String BAD_LENGTH = "bad_length";
  /** The CRC field is not four hex digits or does not match the data segment. */
  public static final String BAD_CRC = "bad_crc";
  /** Intact but not a packet we can read: no {@code ##}, no {@code CP=&&…&&}, a missing field. */
  public static final String MALFORMED_PACKET = "malformed_packet";
  /** The CP field is encrypted and cannot be decrypted with the MN's key, or there is no key. */
  public static final String DECRYPT_FAILED = "decrypt_failed";
}
