package io.parkloop.launcher.bench;

import io.parkloop.ingest.hj212.Hj212Upload;
import io.parkloop.reference.Province;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Builds what the bench's devices send: a gateway's JSON array (or a single object for a
 * one-meter gateway) and an outlet's HJ 212-2017 hourly packet. The generator has to outrun the
 * pipeline on a shared core, so timestamps are formatted once per second and reused.
 */
final class GatewayPayloads {
  private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);

  private long cachedSecond = Long.MIN_VALUE;
  private String cachedSecondText;

  /** ISO-8601 with milliseconds and the +08:00 offset field devices in the province use. */
  String timestamp(long epochMillis) {
    long second = Math.floorDiv(epochMillis, 1000);
    if (second != cachedSecond) {
      cachedSecond = second;
      cachedSecondText = SECOND.format(LocalDateTime.ofInstant(Instant.ofEpochSecond(second), Province.ZONE));
    }
    int millis = (int) Math.floorMod(epochMillis, 1000);
    return cachedSecondText + '.' + (char) ('0' + millis / 100) + (char) ('0' + millis / 10 % 10)
        + (char) ('0' + millis % 10) + "+08:00";
  }

  /** One element of a gateway payload; {@code value} is already formatted. */
  static void appendReading(StringBuilder json, String meter, String ts, String value, String unit) {
    json.append("{\"meter\":\"").append(meter).append("\",\"ts\":\"").append(ts).append("\",\"value\":")
        .append(value).append(",\"unit\":\"").append(unit).append("\"}");
  }

  static byte[] utf8(StringBuilder json) {
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Thousandths as a decimal, e.g. 7 → {@code 0.007}: exact in the text, so totals are exact. */
  static String thousandths(long value) {
    String digits = Long.toString(value);
    while (digits.length() < 4) {
      digits = "0" + digits;
    }
    return digits.substring(0, digits.length() - 3) + '.' + digits.substring(digits.length() - 3);
  }

  /**
   * An HJ 212-2017 hourly packet (CN 2061) with the hour's COD and NH3-N loads and wastewater
   * volume as {@code -Cou}, all flagged N.
   */
  static byte[] hourlyPacket(String mn, long hourStart, long codKg) {
    return Hj212Upload.of("2061", mn, Instant.ofEpochMilli(hourStart),
        "w01018-Cou=" + codKg + ",w01018-Flag=N;w21003-Cou=0.5,w21003-Flag=N;w00000-Cou=100.0,w00000-Flag=N").frame();
  }

  /** Values per hourly packet: COD, NH3-N and the volume. */
  static final int HJ212_VALUES = 3;
}
