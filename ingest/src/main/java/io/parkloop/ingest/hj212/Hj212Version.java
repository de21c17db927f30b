package io.parkloop.ingest.hj212;

import java.util.Optional;

/**
 * The protocol generation, read from the version bits of {@code Flag}.
 *
 * <p>{@code Flag} is {@code V5 V4 V3 V2 V1 V0 D A}: A (bit 0) asks for a reply, D (bit 1) marks
 * a split packet, and the six upper bits carry the version. HJ/T 212-2005 had no version bits, so
 * its packets read as version 0 (Flag 0..3, or no Flag at all, as much real 2005-era traffic
 * sends); HJ 212-2017 defines version 1 (Flag 4..7); HJ 212-2025 is version 2 (Flag 8..11).
 * A higher version is not guessed at: its packets are rejected rather than misread.
 */
public enum Hj212Version {
  HJT212_2005(0),
  HJ212_2017(1),
  HJ212_2025(2);

  private final int number;

  Hj212Version(int number) {
    this.number = number;
  }

  /** The version bits in place, to put in the {@code Flag} of a packet we send. */
  public int flagBits() {
    return number << 2;
  }

  /** The version a {@code Flag} announces; a missing Flag means 2005. Empty for an unknown one. */
  public static Optional<Hj212Version> ofFlag(Integer flag) {
    int number = flag == null ? 0 : flag >>> 2;
    for (Hj212Version version : values()) {
      if (version.number == number) {
        return Optional.of(version);
      }
    }
    return Optional.empty();
  }
}
