package io.parkloop.ingest;

import io.parkloop.avro.Reading;
import io.parkloop.ingest.hj212.Hj212Decoder;
import io.parkloop.ingest.hj212.Hj212Packet;
import io.parkloop.ingest.hj212.Hj212Rejected;
import io.parkloop.ingest.hj212.Hj212Result;
import io.parkloop.ingest.hj212.Hj212Value;
import io.parkloop.reference.Outlet;
import io.parkloop.reference.ReferenceData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Turns one HJ 212 frame (from TCP or MQTT) into Kafka records: a reading of the outlet whose
 * MN matches for each value of a data packet (its data flag kept), a dead letter for a frame
 * that cannot be trusted (bad CRC or length, unknown MN, ...). Heartbeats and status packets
 * are counted, not dead-lettered.
 */
public final class Hj212Ingest {
  public static final String UNKNOWN_MN = "unknown_mn";

  private final Supplier<ReferenceData> reference;
  private final Hj212Decoder decoder;
  private final IngestMetrics metrics;
  private final IngestRecords records;

  /** Writes to the topics of the SPEC. */
  public Hj212Ingest(Supplier<ReferenceData> reference, Hj212Decoder decoder, IngestMetrics metrics) {
    this(reference, decoder, metrics, IngestTopics.DEFAULT);
  }

  public Hj212Ingest(Supplier<ReferenceData> reference, Hj212Decoder decoder, IngestMetrics metrics,
      IngestTopics topics) {
    this.reference = reference;
    this.decoder = decoder;
    this.metrics = metrics;
    this.records = new IngestRecords(topics);
  }

  /** The records of one frame, and the decoded packet when there is one (for a reply). */
  public record Outcome(List<ProducerRecord<byte[], byte[]>> records, Optional<Hj212Packet> packet) {}

  public Outcome ingest(byte[] frame, String source, Instant receivedAt) {
    metrics.messageIn();
    Hj212Result result = decoder.decode(frame);
    if (result instanceof Hj212Rejected rejected) {
      return deadLetter(rejected.reason(), rejected.detail(), source, frame, receivedAt, Optional.empty());
    }
    Hj212Packet packet = (Hj212Packet) result;
    if (!packet.isData()) {
      metrics.nonDataPacket(packet.cn());
      return new Outcome(List.of(), Optional.of(packet));
    }
    Optional<Outlet> outlet = reference.get().outletByMn(packet.mn());
    if (outlet.isEmpty()) {
      return deadLetter(UNKNOWN_MN, "MN " + packet.mn() + " is no outlet's monitoring point in the reference data",
          source, frame, receivedAt, Optional.of(packet));
    }
    if (packet.dataTime() == null) {
      return deadLetter(Rejection.BAD_TIMESTAMP, "data packet CN=" + packet.cn() + " without a usable DataTime",
          source, frame, receivedAt, Optional.of(packet));
    }
    if (packet.dataTime().isAfter(receivedAt.plus(MAX_CLOCK_AHEAD))) {
      // a clock ahead cannot be told from data of the future, and would move event time on for everyone
      return deadLetter(Rejection.FUTURE_TIMESTAMP, "DataTime " + packet.dataTime() + " is more than "
          + MAX_CLOCK_AHEAD.toMinutes() + " minutes ahead of its arrival " + receivedAt + ": the analyser's clock is ahead",
          source, frame, receivedAt, Optional.of(packet));
    }
    List<ProducerRecord<byte[], byte[]>> readings = new ArrayList<>();
    for (Hj212Value value : packet.values()) {
      readings.add(records.reading(reading(outlet.get(), packet, value, source, receivedAt)));
      metrics.readingOut();
    }
    return new Outcome(readings, Optional.of(packet));
  }

  private static Reading reading(Outlet outlet, Hj212Packet packet, Hj212Value value, String source, Instant receivedAt) {
    return Reading.newBuilder()
        .setMeter(outlet.id())
        .setEnterprise(outlet.enterprise())
        .setMedium(value.factor())
        .setReading(kindOfQuantity(packet, value))
        .setTs(packet.dataTime())
        .setValue(value.value())
        .setUnit(unit(outlet, packet, value))
        .setKind(value.kind())
        .setFlag(value.flag())
        .setPeriod(packet.period().name().toLowerCase(Locale.ROOT))
        .setReceivedAt(receivedAt)
        .setSource(source)
        .build();
  }

  private static boolean isFlow(String factor) {
    return factor.equals("w00000") || factor.equals("a00000");
  }

  private static String kindOfQuantity(Hj212Packet packet, Hj212Value value) {
    if (ELECTRICITY.equals(packet.st())) {
      return value.kind().equals("Cou") ? "energy" : "power";
    }
    if (OPERATING_CONDITIONS.equals(packet.st())) {
      return "condition";
    }
    if (value.kind().equals("Cou")) {
      return "load";
    }
    return isFlow(value.factor()) ? "flow" : "concentration";
  }

  /**
   * How far a packet's DataTime may lie ahead of its arrival, as for a JSON reading: a clock a few
   * minutes fast is normal, one hours or days fast is wrong. A clock behind is not refused: its
   * values cannot be told from a re-upload of history, so they count at the time they name if
   * that lies within the jobs' maximum age, and are kept as late readings if not (an analyser
   * whose clock went back to 2000 after a power cut).
   */
  static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);

  /**
   * HJ 212-2025's system code for the electricity of an enterprise's production and treatment
   * equipment (用电工况): its values are the equipment's power (kW) and energy (kWh), readings of the
   * monitoring point's outlet, and so of the outlet's enterprise.
   */
  static final String ELECTRICITY = "44";
  /** HJ 212-2025's system code for the equipment's operating conditions (工况), kept as readings the same way. */
  static final String OPERATING_CONDITIONS = "45";

  /** HJ 212's units: concentrations in mg/L (water) or mg/m³ (air); flows in m³ (Cou) or L/s and m³/s (Rtd/Avg); loads in kg. */
  private static String unit(Outlet outlet, Hj212Packet packet, Hj212Value value) {
    if (ELECTRICITY.equals(packet.st())) {
      return value.kind().equals("Cou") ? "kWh" : "kW";
    }
    if (OPERATING_CONDITIONS.equals(packet.st())) {
      return ""; // as the equipment reports it: a state, a current, a temperature
    }
    boolean water = outlet.type().equals("water");
    if (isFlow(value.factor())) {
      return value.kind().equals("Cou") ? "m3" : water ? "L/s" : "m3/s";
    }
    if (value.kind().equals("Cou")) {
      return "kg";
    }
    return water ? "mg/L" : "mg/m3";
  }

  private Outcome deadLetter(String reason, String detail, String source, byte[] frame, Instant receivedAt,
      Optional<Hj212Packet> packet) {
    metrics.deadLetter(reason);
    return new Outcome(List.of(records.deadLetter(Rejection.of(reason, detail), source, frame, receivedAt)), packet);
  }
}
