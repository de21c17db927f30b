package io.parkloop.ingest.hj212;

import java.util.Optional;

/**
 * The responses HJ 212 expects from the platform when a packet sets Flag bit A.
 *
 * <p>Uploads (data, status, alarms, heartbeats) get a 9014 data response with an empty CP.
 * Requests (parameter commands CN 1xxx, control commands CN 3xxx, such as 1013 time calibration)
 * get a 9011 request response with {@code QnRtn=1}, "ready to execute"; carrying the request out
 * (for 1013, sending 1012 with the time) is the caller's business. Responses (CN 9xxx) are never
 * answered, even when a device sets A on them, so two peers cannot echo each other forever.
 *
 * <p>The layout is HJ 212-2017's ({@code QN} in the header, {@code ST=91}), with the Flag carrying
 * the request's version bits so each generation is answered in its own. 2005-era devices that
 * put their QN in the CP field instead get it back in the header. A QN or PW the packet lacks is
 * left out of the reply.
 */
public final class Hj212Replies {
  private Hj212Replies() {}

  /** The frame to write back for {@code packet}, with CRLF, or empty when it asks for none. */
  public static Optional<byte[]> replyTo(Hj212Packet packet) {
    if (!packet.replyRequested() || packet.cn().startsWith("9")) {
      return Optional.empty();
    }
    boolean request = packet.cn().startsWith("1") || packet.cn().startsWith("3");
    String qn = packet.qn() != null ? packet.qn() : packet.parameters().get("QN");
    StringBuilder data = new StringBuilder();
    if (qn != null) {
      data.append("QN=").append(qn).append(';');
    }
    data.append("ST=91;CN=").append(request ? "9011" : "9014").append(';');
    if (packet.pw() != null) {
      data.append("PW=").append(packet.pw()).append(';');
    }
    data.append("MN=").append(packet.mn())
        .append(";Flag=").append(packet.version().flagBits())
        .append(";CP=&&").append(request ? "QnRtn=1" : "").append("&&");
    return Optional.of(Hj212Frames.encode(data.toString()));
  }
}
