/**
 * HJ 212 (2005, 2017 and 2025) as analysers speak it over TCP: per connection, bytes go into an
 * {@link io.parkloop.ingest.hj212.Hj212Framer}, each frame it hands out into
 * {@link io.parkloop.ingest.hj212.Hj212Decoder#decode}, which yields a packet or a rejection with
 * a stable reason for the dead-letter topic; {@link io.parkloop.ingest.hj212.Hj212Replies} gives
 * the response to write back when a packet asks for one. Plain Java, no I/O, so the same code
 * serves TCP, MQTT and replays.
 */
package io.parkloop.ingest.hj212;
