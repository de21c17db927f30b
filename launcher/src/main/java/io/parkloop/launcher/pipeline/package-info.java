/**
 * The live pipeline on one machine: the local stack (Kafka, the MQTT broker and PostgreSQL,
 * embedded or external), ingest (the MQTT bridge and the HJ 212 server), parkloop's jobs on a
 * MiniCluster, and around them what {@code run} and {@code demo} need: reference data reloads,
 * the hourly reconciliation and retention, the Kafka lag and the live table.
 */
package io.parkloop.launcher.pipeline;
