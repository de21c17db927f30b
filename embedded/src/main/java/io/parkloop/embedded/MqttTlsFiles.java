package io.parkloop.embedded;

import java.nio.file.Path;

/**
 * The broker's side of MQTT over TLS with client certificates: the same key and certificates in
 * the two forms the brokers read (PEM for Mosquitto, PKCS#12 for HiveMQ). A client must present
 * a certificate issued by the CA; its common name is its account name.
 *
 * @param caPem the CA that issues client certificates (and the broker's own)
 * @param storePassword the password of both PKCS#12 stores and of the key in the key store
 */
public record MqttTlsFiles(Path caPem, Path serverCertPem, Path serverKeyPem, Path serverKeyStore,
    Path trustStore, String storePassword) {}
