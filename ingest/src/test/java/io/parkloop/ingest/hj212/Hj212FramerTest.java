package io.parkloop.ingest.hj212;

import static io.parkloop.ingest.hj212.Hj212TestFrames.bytes;
import static io.parkloop.ingest.hj212.Hj212TestFrames.frame;
import static io.parkloop.ingest.hj212.Hj212TestFrames.reason;
import static io.parkloop.ingest.hj212.Hj212TestFrames.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Hj212FramerTest {
  static final byte[] HEARTBEAT =
      frame("ST=32;CN=8013;PW=123456;MN=ZG130182201205;Flag=0;CP=&&HeartbeatTime=120&&");
  static final byte[] REALTIME = frame("ST=32;CN=2011;PW=123456;MN=LD130104000268;"
      + "CP=&&DataTime=20160824045500;B01-Rtd=4.69,B01-Flag=N;011-Rtd=70.00,011-Flag=N&&");
  static final byte[] STATUS = frame("ST=32;CN=2021;PW=123456;MN=LD130104000268;"
      + "CP=&&DataTime=20160824045500;SB1-RS=0;SB2-RS=0&&");

  @Test
  void handsOutAWholeFrameWithItsCrlf() {
    List<byte[]> frames = new Hj212Framer().feed(HEARTBEAT, 0, HEARTBEAT.length);

    assertThat(frames).containsExactly(HEARTBEAT);
  }

  @Test
  void findsTheSameFramesWhereverTheStreamIsSplit() {
    byte[] stream = concat(HEARTBEAT, REALTIME, STATUS);
    for (int cut = 0; cut <= stream.length; cut++) {
      Hj212Framer framer = new Hj212Framer();
      List<byte[]> frames = new ArrayList<>(framer.feed(stream, 0, cut));
      frames.addAll(framer.feed(stream, cut, stream.length - cut));

      assertThat(frames).as("split at %d", cut).containsExactly(HEARTBEAT, REALTIME, STATUS);
    }
  }

  @Test
  void findsTheSameFramesFedOneByteAtATime() {
    byte[] stream = concat(HEARTBEAT, REALTIME, STATUS);
    Hj212Framer framer = new Hj212Framer();
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < stream.length; i++) {
      frames.addAll(framer.feed(stream, i, 1));
    }

    assertThat(frames).containsExactly(HEARTBEAT, REALTIME, STATUS);
  }

  @Test
  void handsOutSeveralFramesFromOneRead() {
    byte[] stream = concat(HEARTBEAT, REALTIME, STATUS, HEARTBEAT);

    assertThat(new Hj212Framer().feed(stream, 0, stream.length))
        .containsExactly(HEARTBEAT, REALTIME, STATUS, HEARTBEAT);
  }

  @Test
  void keepsAnIncompleteFrameForTheNextRead() {
    Hj212Framer framer = new Hj212Framer();

    assertThat(framer.feed(REALTIME, 0, REALTIME.length - 1)).isEmpty();
    assertThat(framer.feed(REALTIME, REALTIME.length - 1, 1)).containsExactly(REALTIME);
  }

  @Test
  void readsOnlyTheGivenRangeOfTheChunk() {
    byte[] chunk = concat(bytes("xx"), HEARTBEAT, bytes("yy"));

    assertThat(new Hj212Framer().feed(chunk, 2, HEARTBEAT.length)).containsExactly(HEARTBEAT);
  }

  @Test
  void handsOutGarbageBeforeTheFrameSeparatelySoItCanBeRejected() {
    byte[] stream = concat(bytes("GET / HTTP/1.0"), HEARTBEAT);

    List<byte[]> frames = new Hj212Framer().feed(stream, 0, stream.length);

    assertThat(frames).hasSize(2);
    assertThat(text(frames.get(0))).isEqualTo("GET / HTTP/1.0");
    assertThat(frames.get(1)).isEqualTo(HEARTBEAT);
    assertThat(new Hj212Decoder().decode(frames.get(0)))
        .isEqualTo(new Hj212Rejected(Hj212Rejected.MALFORMED_PACKET, "does not start with ##"));
  }

  @Test
  void handsOutAGarbageLineAsItIs() {
    byte[] stream = concat(bytes("hello\r\n"), HEARTBEAT);

    List<byte[]> frames = new Hj212Framer().feed(stream, 0, stream.length);

    assertThat(frames).extracting(Hj212TestFrames::text)
        .containsExactly("hello\r\n", text(HEARTBEAT));
  }

  @Test
  void skipsEmptyLinesBetweenFrames() {
    byte[] stream = concat(HEARTBEAT, bytes("\r\n\r\n"), STATUS);

    assertThat(new Hj212Framer().feed(stream, 0, stream.length))
        .containsExactly(HEARTBEAT, STATUS);
  }

  @Test
  void startsAFreshFrameWhenAPacketLostItsEnd() {
    byte[] truncated = Arrays.copyOf(REALTIME, 40);
    byte[] stream = concat(truncated, HEARTBEAT);

    List<byte[]> frames = new Hj212Framer().feed(stream, 0, stream.length);

    assertThat(frames).containsExactly(truncated, HEARTBEAT);
    assertThat(reason(new Hj212Decoder().decode(frames.get(0))))
        .isEqualTo(Hj212Rejected.BAD_LENGTH);
  }

  @Test
  void cutsAnOversizedFrameAtTheLimitAndSkipsTheRestUntilCrlf() {
    ByteArrayOutputStream hostile = new ByteArrayOutputStream();
    hostile.writeBytes(bytes("##9999ST=32;CP=&&"));
    hostile.writeBytes(bytes("x".repeat(3 * Hj212Framer.MAX_FRAME_BYTES)));
    hostile.writeBytes(bytes("&&ABCD\r\n"));
    byte[] stream = concat(hostile.toByteArray(), HEARTBEAT);

    List<byte[]> frames = new Hj212Framer().feed(stream, 0, stream.length);

    assertThat(frames).hasSize(2);
    assertThat(frames.get(0)).hasSize(Hj212Framer.MAX_FRAME_BYTES);
    assertThat(frames.get(1)).isEqualTo(HEARTBEAT);
    assertThat(reason(new Hj212Decoder().decode(frames.get(0))))
        .isEqualTo(Hj212Rejected.BAD_LENGTH);
  }

  @Test
  void resumesAtTheNextFrameStartWhileSkipping() {
    byte[] stream = concat(bytes("##0000" + "y".repeat(200)), HEARTBEAT);

    List<byte[]> frames = new Hj212Framer(128).feed(stream, 0, stream.length);

    assertThat(frames).hasSize(2);
    assertThat(frames.get(0)).hasSize(128);
    assertThat(frames.get(1)).isEqualTo(HEARTBEAT);
  }

  @Test
  void boundsGarbageWithoutAnyDelimiterToo() {
    Hj212Framer framer = new Hj212Framer(128);
    byte[] noise = bytes("z".repeat(1000));

    List<byte[]> frames = new ArrayList<>(framer.feed(noise, 0, noise.length));
    frames.addAll(framer.feed(HEARTBEAT, 0, HEARTBEAT.length));

    assertThat(frames).hasSize(2);
    assertThat(frames.get(0)).hasSize(128);
    assertThat(frames.get(1)).isEqualTo(HEARTBEAT);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
