package io.parkloop.ingest;

/**
 * How the bridge connects. The client id must be stable across restarts of one bridge instance,
 * so that its persistent session (and the messages queued for it) is found again.
 *
 * @param receiveMaximum how many unacknowledged QoS 1 messages the broker may have in flight to
 *     the bridge; large enough to keep Kafka's batches full
 * @param tls for an {@code ssl://} broker URL, or null for the JVM's defaults
 */
public record MqttBridgeConfig(String brokerUrl, String clientId, String sharedGroup, String username,
    String password, long sessionExpirySeconds, int receiveMaximum, long connectTimeoutMillis,
    MqttClientTls tls) {

  public static MqttBridgeConfig defaults(String brokerUrl) {
    return new MqttBridgeConfig(brokerUrl, "parkloop-bridge-1", "parkloop-bridge", null, null,
        7 * 24 * 3600L, 10_000, 30_000, null);
  }

  /**
   * Each instance of a scaled-out bridge needs a client id of its own (the broker drops the
   * older connection of two with one id), the same one at every restart of that instance.
   */
  public MqttBridgeConfig withClientId(String id) {
    return new MqttBridgeConfig(brokerUrl, id, sharedGroup, username, password, sessionExpirySeconds,
        receiveMaximum, connectTimeoutMillis, tls);
  }

  public MqttBridgeConfig withCredentials(String user, String secret) {
    return new MqttBridgeConfig(brokerUrl, clientId, sharedGroup, user, secret, sessionExpirySeconds,
        receiveMaximum, connectTimeoutMillis, tls);
  }

  public MqttBridgeConfig withTls(MqttClientTls clientTls) {
    return new MqttBridgeConfig(brokerUrl, clientId, sharedGroup, username, password, sessionExpirySeconds,
        receiveMaximum, connectTimeoutMillis, clientTls);
  }
}
