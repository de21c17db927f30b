package io.parkloop.embedded;

/** A running MQTT broker on the loopback interface, whichever implementation runs it. */
public interface MqttBroker extends AutoCloseable {
  /** The broker's address for MQTT clients, {@code tcp://127.0.0.1:<port>}. */
  String url();

  /** Stops the broker; its persistent sessions stay in its data folder for the next start. */
  @Override
  void close();
}
