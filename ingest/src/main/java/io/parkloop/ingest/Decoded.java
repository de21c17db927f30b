package io.parkloop.ingest;

import io.parkloop.avro.RawReading;

/** One element of a payload: either a reading or the reason it was rejected. */
public sealed interface Decoded {
  /** @param element the index within a batched array payload, or null for a single object */
  record Accepted(RawReading reading, Integer element) implements Decoded {}

  record Rejected(Rejection rejection) implements Decoded {}
}
