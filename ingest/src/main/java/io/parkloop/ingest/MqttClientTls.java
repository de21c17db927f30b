package io.parkloop.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The bridge's side of MQTT over TLS: the CAs it trusts for the broker's certificate and,
 * optionally, its own client certificate (whose CN is its account name on the broker).
 *
 * @param trustStore PKCS#12 with the broker's CA, or null for the JVM's default CAs
 * @param keyStore PKCS#12 with the bridge's key and certificate, or null to log in by password
 * @param password of both stores (and of the key)
 */
public record MqttClientTls(Path trustStore, Path keyStore, String password) {
  public SSLSocketFactory socketFactory() {
    try {
      KeyManagerFactory keys = null;
      if (keyStore != null) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore), chars());
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore == null ? null : load(trustStore));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use the MQTT TLS stores " + trustStore + ", " + keyStore
          + ": " + e.getMessage(), e);
    }
  }

  private KeyStore load(Path file) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, chars());
    }
    return store;
  }

  private char[] chars() {
    return password == null ? new char[0] : password.toCharArray();
  }
}
