/**
 * Bounded runs: a replay reads files of readings, HJ 212 packets, statistics and waste records
 * through ingest's own decoding and validation, spools the readings in event-time order and runs
 * the same jobs over them; the reconciliation recomputes from the stored readings.
 */
package io.parkloop.launcher.replay;
