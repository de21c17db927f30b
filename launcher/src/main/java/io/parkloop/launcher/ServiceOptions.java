package io.parkloop.launcher;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the services are: embedded ones under the data directory by default, external ones by flag or environment. */
public final class ServiceOptions {
  @Option(names = "--data-dir", defaultValue = "${env:PARKLOOP_DATA_DIR:-parkloop-data}",
      description = "Directory of the embedded services' data (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--mqtt-url", defaultValue = "${env:PARKLOOP_MQTT_URL}",
      description = "An external MQTT broker, e.g. tcp://broker:1883 (default: an embedded HiveMQ CE broker).")
  String mqttUrl;

  @Option(names = "--kafka", defaultValue = "${env:PARKLOOP_KAFKA}",
      description = "External Kafka bootstrap servers, e.g. kafka:9092 (default: an embedded KRaft broker).")
  String kafka;

  @Option(names = "--jdbc", defaultValue = "${env:PARKLOOP_JDBC}",
      description = "External PostgreSQL/TimescaleDB JDBC URL with user and password (default: an embedded PostgreSQL).")
  String jdbc;

  @Option(names = "--mqtt-port", defaultValue = "1883", description = "Port of the embedded MQTT broker (default: ${DEFAULT-VALUE}).")
  int mqttPort;

  @Option(names = "--hj212-port", defaultValue = "9212",
      description = "TCP port where HJ 212 analysers connect (default: ${DEFAULT-VALUE}; 0 = none).")
  int hj212Port;

  @Option(names = "--kafka-port", defaultValue = "19092", description = "Port of the embedded Kafka broker (default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(names = "--pg-port", defaultValue = "15432", description = "Port of the embedded PostgreSQL (default: ${DEFAULT-VALUE}).")
  int pgPort;
}
