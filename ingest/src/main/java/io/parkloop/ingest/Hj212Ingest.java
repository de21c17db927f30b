package io.parkloop.ingest;

import io.parkloop.avro.Reading;
import io.parkloop.ingest.hj212.Hj212Decoder;
import io.parkloop.ingest.hj212.Hj212Packet;
import io.parkloop.ingest.hj212.Hj212Rejected;
import io.parkloop.ingest.hj212.Hj212Result;
import io.parkloop.ingest.hj212.Hj212Value;
import io.parkloop.reference.Outlet;
import io.parkloop.reference.ReferenceData;
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
        .setReading(kindOfQuantity(value))
        .setTs(packet.dataTime())
        .setValue(value.value())
        .setUnit(unit(outlet, value))
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

  private static String kindOfQuantity(Hj212Value value) {
    if (value.kind().equals("Cou")) {
      return "load";
    }
    return isFlow(value.factor()) ? "flow" : "concentration";
  }

  /** HJ 212's units: concentrations in mg/L (water) or mg/m³ (air); flows in m³ (Cou) or L/s and m³/s (Rtd/Avg); loads in kg. */
  private static String unit(Outlet outlet, Hj212Value value) {
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
