package io.parkloop.launcher.pipeline;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the services are: embedded ones under the data directory by default, external ones by flag or environment. */
public final class ServiceOptions extends DatabaseOptions {
  @Option(names = "--mqtt-url", defaultValue = "${env:PARKLOOP_MQTT_URL}",
      description = "An external MQTT broker, e.g. tcp://broker:1883 (default: an embedded broker, see --embedded-mqtt).")
  public String mqttUrl;

  @Option(names = "--embedded-mqtt", defaultValue = "${env:PARKLOOP_EMBEDDED_MQTT:-auto}",
      converter = EmbeddedMqtt.Converter.class,
      description = "The broker embedded without --mqtt-url: auto (Mosquitto when installed, else HiveMQ CE),"
          + " mosquitto or hivemq (default: ${DEFAULT-VALUE}).")
  public EmbeddedMqtt embeddedMqtt = EmbeddedMqtt.AUTO;

  @Mixin
  MqttOptions mqtt = new MqttOptions();

  @Option(names = "--kafka", defaultValue = "${env:PARKLOOP_KAFKA}",
      description = "External Kafka bootstrap servers, e.g. kafka:9092 (default: an embedded KRaft broker).")
  public String kafka;

  @Option(names = "--mqtt-port", defaultValue = "1883", description = "Port of the embedded MQTT broker (default: ${DEFAULT-VALUE}).")
  public int mqttPort;

  @Option(names = "--hj212-port", defaultValue = "9212",
      description = "TCP port where HJ 212 analysers connect (default: ${DEFAULT-VALUE}; 0 = none).")
  public int hj212Port;

  @Option(names = "--metrics-port", defaultValue = "9464",
      description = "Port of the Prometheus metrics endpoint /metrics (default: ${DEFAULT-VALUE}; 0 = none).")
  public int metricsPort;

  @Option(names = "--kafka-port", defaultValue = "19092", description = "Port of the embedded Kafka broker (default: ${DEFAULT-VALUE}).")
  public int kafkaPort;
}
