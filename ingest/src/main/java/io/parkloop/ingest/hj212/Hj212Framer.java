package io.parkloop.ingest.hj212;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Cuts the byte stream of one TCP connection into HJ 212 frames, from {@code ##} up to and
 * including CRLF, however the stream was split into reads.
 *
 * <p>Frames are delimited by CRLF rather than by the length field because the length field is
 * exactly what damaged packets get wrong: trusting it would swallow the start of the next packet.
 * A {@code ##} inside what has been buffered starts a new frame, so a packet cut short without its
 * CRLF costs only itself.
 *
 * <p>Nothing bad goes unreported. Bytes before a {@code ##} (line noise, a probe, a half packet)
 * come out as a frame of their own, which {@link Hj212Decoder} rejects, so the caller dead-letters
 * them like any other bad packet. A frame that grows past the size limit is handed out cut at the
 * limit (it can only be rejected: its length field cannot match) and the rest of it is skipped
 * until the next CRLF or {@code ##}, so a hostile client cannot make the buffer grow. Only empty
 * lines between packets vanish.
 *
 * <p>One instance per connection; not thread-safe.
 */
public final class Hj212Framer {
  /** {@code ##}, four length digits, the largest data segment they can announce, CRC and CRLF. */
  public static final int MAX_FRAME_BYTES = 2 + 4 + 9999 + 4 + 2;

  private final byte[] pending;
  private int size;
  /** The last byte seen, across reads, so that {@code ##} and CRLF are found when split. */
  private byte previous;
  /** An oversized frame has been handed out and its remaining bytes are being skipped. */
  private boolean skipping;

  public Hj212Framer() {
    this(MAX_FRAME_BYTES);
  }

  public Hj212Framer(int maxFrameBytes) {
    if (maxFrameBytes < 4) {
      throw new IllegalArgumentException("maxFrameBytes must hold at least ## and CRLF");
    }
    this.pending = new byte[maxFrameBytes];
  }

  /** Consumes {@code len} bytes of {@code chunk} from {@code off}; returns the frames completed. */
  public List<byte[]> feed(byte[] chunk, int off, int len) {
    Objects.checkFromIndexSize(off, len, chunk.length);
    List<byte[]> frames = new ArrayList<>();
    for (int i = off; i < off + len; i++) {
      accept(chunk[i], frames);
    }
    return frames;
  }

  /** True while bytes of a frame not yet complete are held (or an oversized one is being skipped). */
  public boolean holdsPartialFrame() {
    return size > 0 || skipping;
  }

  /**
   * Hands out the bytes of the incomplete frame held, if any, and starts afresh: for a caller
   * that gives up on the connection, so those bytes are rejected and reported, not lost.
   */
  public byte[] takePartialFrame() {
    byte[] partial = Arrays.copyOf(pending, size);
    size = 0;
    skipping = false;
    previous = 0;
    return partial;
  }

  private void accept(byte b, List<byte[]> frames) {
    boolean frameStart = previous == '#' && b == '#';
    boolean lineEnd = previous == '\r' && b == '\n';
    previous = b;
    if (skipping) {
      if (frameStart) {
        skipping = false;
        pending[0] = '#';
        pending[1] = '#';
        size = 2;
      } else if (lineEnd) {
        skipping = false;
      }
      return;
    }
    if (frameStart && size > 1) {
      // everything before this "##" is noise or a packet that lost its end
      frames.add(Arrays.copyOf(pending, size - 1));
      pending[0] = '#';
      size = 1;
    }
    pending[size++] = b;
    if (lineEnd) {
      if (size > 2) { // an empty line between packets is not worth a dead letter
        frames.add(Arrays.copyOf(pending, size));
      }
      size = 0;
    } else if (size == pending.length) {
      frames.add(Arrays.copyOf(pending, size));
      size = 0;
      skipping = true;
    }
  }
}
