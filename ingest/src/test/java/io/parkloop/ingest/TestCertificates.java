package io.parkloop.ingest;

import io.parkloop.embedded.MqttTlsFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away CA with a broker certificate for 127.0.0.1 and client certificates whose CN is
 * an MQTT account name, made at test time so no key is ever committed.
 */
final class TestCertificates {
  static final String PASSWORD = "test-store-password";
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private final Path dir;
  private final KeyPair caKeys;
  private final X509Certificate ca;

  private TestCertificates(Path dir, KeyPair caKeys, X509Certificate ca) {
    this.dir = dir;
    this.caKeys = caKeys;
    this.ca = ca;
  }

  static TestCertificates create(Path dir) {
    try {
      Files.createDirectories(dir);
      KeyPair caKeys = keyPair();
      X509Certificate ca = sign(new X500Name("CN=parkloop test CA"), caKeys, caKeys, null, true);
      return new TestCertificates(dir, caKeys, ca);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make test certificates", e);
    }
  }

  /** The broker's key and certificate (for 127.0.0.1), the CA, and both as PKCS#12 stores. */
  MqttTlsFiles brokerFiles() {
    try {
      KeyPair keys = keyPair();
      X509Certificate cert = sign(new X500Name("CN=127.0.0.1"), keys, caKeys, ca, false);
      Path caPem = pem(dir.resolve("ca.pem"), ca);
      Path certPem = pem(dir.resolve("broker.pem"), cert);
      Path keyPem = pem(dir.resolve("broker.key"), new JcaPKCS8Generator(keys.getPrivate(), null)); // OpenSSL 3 reads PKCS#8
      Path keyStore = store(dir.resolve("broker.p12"), keys, cert);
      return new MqttTlsFiles(caPem, certPem, keyPem, keyStore, trustStore(), PASSWORD);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the broker's certificate", e);
    }
  }

  /** A client's TLS socket factory: a certificate with CN {@code name}, trusting the CA. */
  SSLSocketFactory clientSocketFactory(String name) {
    try {
      KeyPair keys = keyPair();
      X509Certificate cert = sign(new X500Name("CN=" + name), keys, caKeys, ca, false);
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      keyStore.setKeyEntry("client", keys.getPrivate(), PASSWORD.toCharArray(), new X509Certificate[] {cert, ca});
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keyStore, PASSWORD.toCharArray());
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("ca", ca);
      TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trusted);
      SSLContext context = SSLContext.getInstance("TLSv1.2");
      context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the client certificate of " + name, e);
    }
  }

  private Path trustStore() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", ca);
    return save(store, dir.resolve("truststore.p12"));
  }

  private Path store(Path file, KeyPair keys, X509Certificate cert) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("broker", keys.getPrivate(), PASSWORD.toCharArray(), new X509Certificate[] {cert, ca});
    return save(store, file);
  }

  private static Path save(KeyStore store, Path file) throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD.toCharArray());
    }
    return file;
  }

  private static Path pem(Path file, Object object) throws IOException {
    try (Writer writer = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
      pem.writeObject(object);
    }
    return file;
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, KeyPair issuerKeys,
      X509Certificate issuer, boolean isCa) throws GeneralSecurityException, IOException {
    Instant now = Instant.now();
    X500Name issuerName = issuer == null ? subject : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(1))), subject, subjectKeys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (!isCa) {
      builder.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    }
    try {
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    } catch (org.bouncycastle.operator.OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }
}
