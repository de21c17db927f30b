package io.parkloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.avro.DeadLetter;
import io.parkloop.ingest.hj212.Hj212Crc;
import io.parkloop.ingest.hj212.Hj212Decoder;
import io.parkloop.ingest.hj212.Hj212Framer;
import io.parkloop.ingest.hj212.Hj212Packet;
import io.parkloop.ingest.hj212.Hj212Rejected;
import io.parkloop.ingest.hj212.Hj212Result;
import io.parkloop.schemas.AvroCodec;
import io.parkloop.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bouncycastle.util.encoders.Hex;

/**
 * What must hold for any bytes an analyser sends, checked by the fuzz target and by the
 * mutations of real traffic: the framer cuts them into bounded frames, and each frame ends as
 * readings, as a counted non-data packet or as one dead letter with the frame's bytes kept;
 * nothing is thrown. Whether the envelope (length field, CRC) is sound is judged by the test's
 * own reading of the standard, {@link #envelopeVerdict}, not by the decoder.
 */
final class Hj212IngestProperties {
  /** A typical TCP segment, so frames straddle reads as they do on a socket. */
  static final int READ_SIZE = 1460;
  private static final Instant ARRIVAL = Instant.parse("2016-08-24T05:00:00Z");
  /** One MN of the test reference data encrypts its CP, so fuzzing reaches the SM4 path too. */
  static final String ENCRYPTING_MN = "88888880000001";
  private static final Hj212Decoder DECODER =
      new Hj212Decoder(Map.of(ENCRYPTING_MN, Hex.decode("0123456789abcdeffedcba9876543210")));
  private static final Hj212Ingest INGEST =
      new Hj212Ingest(() -> TestReference.DATA, DECODER, new IngestMetrics());
  private static final AvroCodec<DeadLetter> DEAD_LETTERS = AvroCodec.of(DeadLetter.class);

  private Hj212IngestProperties() {}

  static void assertEveryFrameDecodedOrDeadLettered(byte[] stream) {
    for (byte[] frame : frames(stream)) {
      assertThat(frame.length).isLessThanOrEqualTo(Hj212Framer.MAX_FRAME_BYTES);
      assertDecodedOrDeadLettered(frame);
    }
  }

  static List<byte[]> frames(byte[] stream) {
    Hj212Framer framer = new Hj212Framer();
    List<byte[]> frames = new ArrayList<>();
    for (int off = 0; off < stream.length; off += READ_SIZE) {
      frames.addAll(framer.feed(stream, off, Math.min(READ_SIZE, stream.length - off)));
    }
    return frames;
  }

  private static void assertDecodedOrDeadLettered(byte[] frame) {
    Hj212Result decoded = DECODER.decode(frame);
    Hj212Ingest.Outcome outcome = INGEST.ingest(frame, "fuzz", ARRIVAL);
    String envelope = envelopeVerdict(frame);
    if (decoded instanceof Hj212Rejected rejected) {
      assertThat(outcome.records()).hasSize(1);
      DeadLetter letter = deadLetter(outcome.records().get(0));
      if (envelope.equals(SOUND_ENVELOPE)) {
        assertThat(letter.getReason()).as("a frame whose envelope checks out fails on its content")
            .isIn(Hj212Rejected.MALFORMED_PACKET, Hj212Rejected.DECRYPT_FAILED);
      } else {
        assertThat(letter.getReason()).as("the envelope's fault").isEqualTo(envelope);
      }
      assertThat(letter.getDetail()).isNotBlank();
      assertThat(letter.getPayload().array()).isEqualTo(frame);
      return;
    }
    assertThat(envelope).as("a decoded frame's envelope").isEqualTo(SOUND_ENVELOPE);
    Hj212Packet packet = (Hj212Packet) decoded;
    assertThat(outcome.packet()).contains(packet);
    if (!packet.isData()) {
      assertThat(outcome.records()).isEmpty();
      return;
    }
    List<String> topics = outcome.records().stream().map(ProducerRecord::topic).distinct().toList();
    if (topics.contains(Topics.DEAD_LETTERS)) {
      assertThat(outcome.records()).hasSize(1);
      assertThat(deadLetter(outcome.records().get(0)).getReason()).isNotBlank();
    } else {
      assertThat(outcome.records()).hasSize(packet.values().size());
      assertThat(topics).containsAnyOf(Topics.READINGS).hasSizeLessThanOrEqualTo(1);
    }
  }

  private static final String SOUND_ENVELOPE = "sound";

  /**
   * The test's own reading of a frame's envelope, from shared/hj212/README.md rather than from
   * the decoder: {@code ##}, four digits giving the data segment's length, the segment, four hex
   * digits of its CRC (Hj212Crc is pinned by known check values in Hj212CrcTest), then CR/LF.
   * Returns the dead-letter reason the envelope must give, or {@link #SOUND_ENVELOPE}.
   */
  static String envelopeVerdict(byte[] frame) {
    String text = new String(frame, StandardCharsets.ISO_8859_1).replaceAll("[\\r\\n]+$", "");
    if (!text.startsWith("##") || text.length() < 2 + 4 + 4) {
      return Hj212Rejected.MALFORMED_PACKET;
    }
    String length = text.substring(2, 6);
    String segment = text.substring(6, text.length() - 4);
    if (!length.matches("[0-9]{4}") || Integer.parseInt(length) != segment.length()) {
      return Hj212Rejected.BAD_LENGTH;
    }
    String crc = text.substring(text.length() - 4);
    if (!crc.matches("[0-9A-Fa-f]{4}")
        || Integer.parseInt(crc, 16) != Hj212Crc.compute(segment.getBytes(StandardCharsets.ISO_8859_1))) {
      return Hj212Rejected.BAD_CRC;
    }
    return SOUND_ENVELOPE;
  }

  private static DeadLetter deadLetter(ProducerRecord<byte[], byte[]> record) {
    assertThat(record.topic()).isEqualTo(Topics.DEAD_LETTERS);
    try {
      return DEAD_LETTERS.decode(record.value());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
