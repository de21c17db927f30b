/**
 * Running parkloop's jobs on a local Flink MiniCluster: checkpoints kept across restarts, and the
 * jobs' own counters read back while they run, for the live pipeline and the replay alike.
 */
package io.parkloop.launcher.flink;
