package io.parkloop.ingest.hj212;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A packet that passed the length and CRC checks and could be read.
 *
 * @param qn the request number from the header, or null (much real traffic sends none)
 * @param st the system type, or null when absent or blank (as some real analysers send it)
 * @param pw the access password, or null when absent
 * @param flag the raw {@code Flag}, or null when the packet has none
 * @param dataTime {@code DataTime} from the CP field, read as Asia/Shanghai wall time; null when
 *     the packet carries none (heartbeats, responses). Analyser clocks are sometimes wrong (the
 *     year 2000 turns up): the time is passed on as sent, for the caller to judge.
 * @param values every {@code code-kind=number} item of the CP field, in packet order
 * @param parameters the other CP items ({@code DataTime}, {@code QN}, {@code QnRtn},
 *     {@code HeartbeatTime}, …), first occurrence wins
 */
public record Hj212Packet(String qn, String st, String cn, String pw, String mn, Integer flag,
    Hj212Version version, Instant dataTime, List<Hj212Value> values,
    Map<String, String> parameters) implements Hj212Result {

  public Hj212Packet {
    values = List.copyOf(values);
    parameters = Map.copyOf(parameters);
  }

  /** Flag bit A: the sender waits for a response. */
  public boolean replyRequested() {
    return flag != null && (flag & 1) != 0;
  }

  /** Real-time, minute, hour or day data; null for every other command. */
  public Hj212Period period() {
    return Hj212Period.ofCn(cn);
  }

  /** True for the data commands (CN 2011, 2051, 2061, 2031) that become readings. */
  public boolean isData() {
    return period() != null;
  }
}
