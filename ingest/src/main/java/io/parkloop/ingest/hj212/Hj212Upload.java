package io.parkloop.ingest.hj212;

import io.parkloop.reference.Province;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A data upload as an analyser sends it, written in one place for everything that plays a device
 * (the demo's simulator, the bench's generator, the tests' data sets): the data segment
 * {@code QN=…;ST=…;CN=…;PW=…;MN=…;Flag=…;CP=&&DataTime=…;values&&}, framed with its length and
 * CRC by {@link Hj212Frames}. Times are the province's local time, as devices stamp them.
 *
 * @param qn the request number: when the packet was sent (the data time itself by default)
 * @param st the system code: 32 for wastewater, 31 for air, … (see the standard's appendix)
 * @param cn the command: 2011 real-time, 2051 minute, 2061 hourly, 2031 daily data, …
 * @param flag the protocol version's bits (see {@link Hj212Version#flagBits()}), no reply asked
 * @param values the data fields after {@code DataTime}, e.g. {@code w01018-Avg=25.0,w01018-Flag=N}
 */
public record Hj212Upload(Instant qn, int st, String cn, String mn, int flag, Instant dataTime, String values) {
  public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(Province.ZONE);
  /** The password every simulated analyser sends; the bridge authenticates devices by MN, not by it. */
  private static final String PASSWORD = "123456";
  private static final int WASTEWATER = 32;

  /** An HJ 212-2017 upload of wastewater data, sent at its data time. */
  public static Hj212Upload of(String cn, String mn, Instant dataTime, String values) {
    return new Hj212Upload(dataTime, WASTEWATER, cn, mn, Hj212Version.HJ212_2017.flagBits(), dataTime, values);
  }

  /** The same upload sent at {@code sent}. */
  public Hj212Upload sentAt(Instant sent) {
    return new Hj212Upload(sent, st, cn, mn, flag, dataTime, values);
  }

  /** The same upload under another system code. */
  public Hj212Upload system(int code) {
    return new Hj212Upload(qn, code, cn, mn, flag, dataTime, values);
  }

  /** The same upload in another version of the protocol. */
  public Hj212Upload version(Hj212Version version) {
    return new Hj212Upload(qn, st, cn, mn, version.flagBits(), dataTime, values);
  }

  /** The data segment, between the length field and the CRC. */
  public String segment() {
    return "QN=" + TIME.format(qn) + String.format(Locale.ROOT, "%03d", qn.toEpochMilli() % 1000) + ";ST=" + st + ";CN=" + cn
        + ";PW=" + PASSWORD + ";MN=" + mn + ";Flag=" + flag + ";CP=&&DataTime=" + TIME.format(dataTime) + ";" + values
        + "&&";
  }

  /** The frame as written to the wire: {@code ##}, length, segment, CRC, CRLF. */
  public byte[] frame() {
    return Hj212Frames.encode(segment());
  }

  /** The frame as one line of a packets file (no CRLF). */
  public String line() {
    return new String(frame(), StandardCharsets.US_ASCII).strip();
  }
}
