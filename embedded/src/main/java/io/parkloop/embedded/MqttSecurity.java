package io.parkloop.embedded;

/**
 * Authentication and access control for a broker: no anonymous client; accounts log in with a
 * password on the plain port, or with a client certificate on the TLS port when {@code tls} is
 * set; each account may use only its own topics ({@link MqttAccount}).
 *
 * @param tls null for no TLS listener
 * @param tlsPort the TLS port on 127.0.0.1, or 0 for a free one; ignored without {@code tls}
 */
public record MqttSecurity(MqttAccounts accounts, MqttTlsFiles tls, int tlsPort) {
  public static MqttSecurity passwordsOnly(MqttAccounts accounts) {
    return new MqttSecurity(accounts, null, 0);
  }
}
