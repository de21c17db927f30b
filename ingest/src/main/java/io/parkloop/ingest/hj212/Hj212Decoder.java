package io.parkloop.ingest.hj212;

import static io.parkloop.ingest.hj212.Hj212Rejected.BAD_CRC;
import static io.parkloop.ingest.hj212.Hj212Rejected.BAD_LENGTH;
import static io.parkloop.ingest.hj212.Hj212Rejected.DECRYPT_FAILED;
import static io.parkloop.ingest.hj212.Hj212Rejected.MALFORMED_PACKET;

import io.parkloop.reference.Province;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes one HJ 212 frame ({@code ##}, four-digit length, data segment, four hex CRC digits,
 * optional CRLF) of any of the three generations in the field.
 *
 * <p>Strict where a packet could otherwise be misread: the length field must equal the data
 * segment's byte count (HJ 212-2025 counts UTF-8 bytes; the older versions' content is ASCII, so
 * bytes are characters there) and the CRC must match (hex in either case). The length is checked
 * first, so a packet that lost bytes on the way, which breaks both, is reported as
 * {@code bad_length}. Lenient where the meaning is clear: missing QN or Flag, DataTime with 14 or
 * 17 digits, a blank ST or PW, unknown header or CP keys, odd CP items (see
 * {@link Hj212CpParser}).
 *
 * <p>A 2025 packet from an MN with a configured key may carry its CP encrypted (see
 * {@link Hj212Sm4} for the assumed form); it is recognised by having no {@code =} in it.
 *
 * <p>Stateless and thread-safe.
 */
public final class Hj212Decoder {
  private static final String CP_OPEN = "CP=&&";
  private static final String CP_CLOSE = "&&";
  /** {@code ##}, four length digits and four CRC digits around the data segment. */
  private static final int ENVELOPE_BYTES = 10;

  private final Map<String, byte[]> sm4KeysByMn;

  /** A decoder for plaintext traffic only: any encrypted CP is rejected. */
  public Hj212Decoder() {
    this(Map.of());
  }

  /**
   * @param sm4KeysByMn the 16-byte SM4 key of each device (by MN) that encrypts its CP field
   * @throws IllegalArgumentException naming the MN whose key is not 16 bytes
   */
  public Hj212Decoder(Map<String, byte[]> sm4KeysByMn) {
    Map<String, byte[]> keys = new HashMap<>();
    sm4KeysByMn.forEach((mn, key) -> {
      if (key == null || key.length != Hj212Sm4.KEY_BYTES) {
        throw new IllegalArgumentException("SM4 key for MN " + mn + " must be 16 bytes");
      }
      keys.put(mn, key.clone());
    });
    this.sm4KeysByMn = Map.copyOf(keys);
  }

  public Hj212Result decode(byte[] frame) {
    int end = frame.length;
    while (end > 0 && (frame[end - 1] == '\r' || frame[end - 1] == '\n')) {
      end--;
    }
    if (end < 2 || frame[0] != '#' || frame[1] != '#') {
      return new Hj212Rejected(MALFORMED_PACKET, "does not start with ##");
    }
    if (end < ENVELOPE_BYTES) {
      return new Hj212Rejected(MALFORMED_PACKET, "too short for length, data and CRC: " + end
          + " bytes");
    }
    String lengthField = ascii(frame, 2, 4);
    if (!lengthField.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return new Hj212Rejected(BAD_LENGTH, "length field '" + lengthField + "' is not 4 digits");
    }
    int dataLength = end - ENVELOPE_BYTES;
    if (Integer.parseInt(lengthField) != dataLength) {
      return new Hj212Rejected(BAD_LENGTH, "length field says " + lengthField
          + ", data segment has " + dataLength + " bytes");
    }
    String crcField = ascii(frame, end - 4, 4);
    if (!crcField.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return new Hj212Rejected(BAD_CRC, "CRC field '" + crcField + "' is not 4 hex digits");
    }
    int crc = Hj212Crc.compute(frame, 6, dataLength);
    if (Integer.parseInt(crcField, 16) != crc) {
      return new Hj212Rejected(BAD_CRC, "CRC field says " + crcField + ", data segment gives "
          + Hj212Crc.toHex(crc));
    }
    return parse(new String(frame, 6, dataLength, StandardCharsets.UTF_8));
  }

  private Hj212Result parse(String data) {
    int cpAt = data.indexOf(CP_OPEN);
    if (cpAt < 0) {
      return new Hj212Rejected(MALFORMED_PACKET, "no CP=&&");
    }
    if (!data.endsWith(CP_CLOSE) || data.length() < cpAt + CP_OPEN.length() + CP_CLOSE.length()) {
      return new Hj212Rejected(MALFORMED_PACKET, "CP field not closed by && at the end");
    }
    Map<String, String> header = header(data.substring(0, cpAt));
    // without CN the packet has no meaning and without MN no owner; a missing or blank ST or PW
    // (real analysers send "ST=  ;") changes neither
    for (String required : new String[] {"CN", "MN"}) {
      if (!header.containsKey(required)) {
        return new Hj212Rejected(MALFORMED_PACKET, "no " + required + " in the header");
      }
    }
    String mn = header.get("MN");
    Integer flag;
    try {
      flag = header.containsKey("Flag") ? Integer.valueOf(header.get("Flag")) : null;
    } catch (NumberFormatException e) {
      return new Hj212Rejected(MALFORMED_PACKET, "Flag '" + header.get("Flag") + "' is no number");
    }
    Optional<Hj212Version> version = Hj212Version.ofFlag(flag);
    if (version.isEmpty()) {
      return new Hj212Rejected(MALFORMED_PACKET, "Flag " + flag + " names no known version");
    }

    String cp = data.substring(cpAt + CP_OPEN.length(), data.length() - CP_CLOSE.length());
    if (version.get() == Hj212Version.HJ212_2025 && Hj212Sm4.looksEncrypted(cp)) {
      byte[] key = sm4KeysByMn.get(mn);
      if (key == null) {
        return new Hj212Rejected(DECRYPT_FAILED, "CP is encrypted but MN " + mn + " has no key");
      }
      try {
        cp = Hj212Sm4.decrypt(key, cp);
      } catch (GeneralSecurityException e) {
        return new Hj212Rejected(DECRYPT_FAILED, e.getMessage());
      }
    }
    Hj212CpParser.Cp content = Hj212CpParser.parse(cp);

    String dataTimeText = content.parameters().get("DataTime");
    Instant dataTime;
    try {
      dataTime = dataTimeText == null ? null : dataTime(dataTimeText);
    } catch (DateTimeException e) {
      return new Hj212Rejected(MALFORMED_PACKET, "DataTime '" + dataTimeText
          + "' is not yyyyMMddHHmmss[SSS]");
    }
    String cn = header.get("CN");
    if (dataTime == null && Hj212Period.ofCn(cn) != null) {
      return new Hj212Rejected(MALFORMED_PACKET, "data packet (CN " + cn + ") without DataTime");
    }
    // only 2025 defines the sentinel; to an older analyser 9999.99 is a number like any other
    List<Hj212Value> values = version.get() != Hj212Version.HJ212_2025 ? content.values()
        : content.values().stream().map(Hj212Value::markedIfNotComputed).toList();
    return new Hj212Packet(header.get("QN"), header.get("ST"), cn, header.get("PW"), mn, flag,
        version.get(), dataTime, values, content.parameters());
  }

  /**
   * Header fields by name, first one wins. Items that are not {@code key=value} are ignored, and
   * an empty or blank value ({@code QN=;}, {@code ST=  ;}) counts as absent.
   */
  private static Map<String, String> header(String text) {
    Map<String, String> fields = new HashMap<>();
    for (String item : text.split(";")) {
      int eq = item.indexOf('=');
      String value = eq > 0 ? item.substring(eq + 1).trim() : "";
      if (!value.isEmpty()) {
        fields.putIfAbsent(item.substring(0, eq).trim(), value);
      }
    }
    return fields;
  }

  /** yyyyMMddHHmmss, or with milliseconds appended as many analysers send it, China time. */
  private static Instant dataTime(String text) {
    if (text.length() != 14 && text.length() != 17
        || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new DateTimeException("not 14 or 17 digits");
    }
    int millis = text.length() == 17 ? number(text, 14, 17) : 0;
    return LocalDateTime.of(number(text, 0, 4), number(text, 4, 6), number(text, 6, 8),
            number(text, 8, 10), number(text, 10, 12), number(text, 12, 14), millis * 1_000_000)
        .atZone(Province.ZONE)
        .toInstant();
  }

  private static int number(String text, int from, int to) {
    return Integer.parseInt(text, from, to, 10);
  }

  /** Bytes as characters one to one, with anything unprintable shown as '?' for the detail. */
  private static String ascii(byte[] bytes, int off, int len) {
    StringBuilder text = new StringBuilder(len);
    for (int i = off; i < off + len; i++) {
      char c = (char) (bytes[i] & 0xFF);
      text.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return text.toString();
  }
}
