package io.parkloop.ingest.hj212;

/** What {@link Hj212Decoder} makes of one frame: a packet, or the reason it was rejected. */
public sealed interface Hj212Result permits Hj212Packet, Hj212Rejected {}
