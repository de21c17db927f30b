package io.parkloop.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Mosquitto's files for {@link MqttSecurity}: a password file (hashed by mosquitto_passwd) and an
 * ACL file with one {@code user} block per account, holding exactly the topics of
 * {@link MqttAccount}; Mosquitto denies every other topic.
 */
final class MosquittoAccess {
  private static final Path PASSWD_TOOL = Path.of("/usr/bin/mosquitto_passwd");

  private MosquittoAccess() {}

  /** The ACL text: {@code write} is publish, {@code read} is subscribe and receive. */
  static String acl(MqttAccounts accounts) {
    StringBuilder acl = new StringBuilder("# written by parkloop's MosquittoBroker from the MQTT accounts\n");
    for (MqttAccount account : accounts.all()) {
      acl.append("\nuser ").append(account.name()).append('\n');
      account.publishFilters().forEach(filter -> acl.append("topic write ").append(filter).append('\n'));
      account.subscribeFilters().forEach(filter -> acl.append("topic read ").append(filter).append('\n'));
    }
    return acl.toString();
  }

  /** Writes the ACL and the hashed password file (accounts with a password only). */
  static void write(MqttAccounts accounts, Path aclFile, Path passwordFile) {
    StringBuilder plain = new StringBuilder();
    for (MqttAccount account : accounts.all()) {
      if (account.password() != null) {
        plain.append(account.name()).append(':').append(account.password()).append('\n');
      }
    }
    try {
      Files.writeString(aclFile, acl(accounts), StandardCharsets.UTF_8);
      Files.writeString(passwordFile, plain, StandardCharsets.UTF_8);
      hash(passwordFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Mosquitto's access files beside " + aclFile, e);
    }
  }

  /** mosquitto_passwd -U replaces each plain password of the file by its salted hash. */
  private static void hash(Path passwordFile) throws IOException {
    Process process = new ProcessBuilder(PASSWD_TOOL.toString(), "-U", passwordFile.toString())
        .redirectErrorStream(true).start();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException(PASSWD_TOOL + " -U failed: " + new String(process.getInputStream().readAllBytes(),
            StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while hashing Mosquitto passwords", e);
    }
  }
}
