package io.parkloop.launcher;

import io.parkloop.embedded.ChildJvm;
import io.parkloop.embedded.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Debian's Mosquitto with {@code deploy/mosquitto}'s {@code mosquitto.conf} and {@code acl} as
 * shipped, set up the way an operator installs them outside a container: the files are copied
 * unchanged but for the container's mount point {@code /mosquitto/} (here a directory of the test)
 * and the two listener ports (free ones, not 1883 and 8883, on a shared machine). The secrets the
 * shipped files expect, {@code /mosquitto/secrets/passwd} and the TLS listener's CA, certificate
 * and key, are made as deploy/mosquitto/secrets/README.md tells an operator to: with
 * {@code mosquitto_passwd} and {@code openssl}.
 */
final class ShippedMosquitto implements AutoCloseable {
  static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
  static final Path MOSQUITTO_PASSWD = Path.of("/usr/bin/mosquitto_passwd");
  static final Path OPENSSL = Path.of("/usr/bin/openssl");
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

  private final ChildJvm process;
  private final int port;

  private ShippedMosquitto(ChildJvm process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * @param shipped the repository's {@code deploy/mosquitto}
   * @param passwords account name to password: the bridge's ({@code parkloop-bridge}) and the enterprises'
   */
  static ShippedMosquitto start(Path shipped, Path root, Map<String, String> passwords) throws IOException {
    for (Path tool : List.of(MOSQUITTO, MOSQUITTO_PASSWD, OPENSSL)) {
      if (!Files.isExecutable(tool)) {
        throw new IllegalStateException(tool + " is missing: apt-get install mosquitto openssl (.ci/run does)");
      }
    }
    Path mount = root.toAbsolutePath().resolve("mosquitto");
    Path config = Files.createDirectories(mount.resolve("config"));
    Path secrets = Files.createDirectories(mount.resolve("secrets"));
    Files.createDirectories(mount.resolve("data"));
    int port = FreePorts.pick();
    int tlsPort = FreePorts.pick();
    Files.writeString(config.resolve("mosquitto.conf"), installed(
        Files.readString(shipped.resolve("mosquitto.conf"), StandardCharsets.UTF_8), mount, port, tlsPort),
        StandardCharsets.UTF_8);
    Files.copy(shipped.resolve("acl"), config.resolve("acl"));
    makeSecrets(secrets, passwords, root.resolve("tools.log"));
    ownedByMosquittoWhenRoot(mount);
    ChildJvm process = ChildJvm.startProgram("mosquitto-" + port,
        List.of(MOSQUITTO.toString(), "-c", config.resolve("mosquitto.conf").toString()), Map.of(),
        root.resolve("mosquitto.log"));
    awaitListening(process, port);
    return new ShippedMosquitto(process, port);
  }

  /** Mosquitto's log lines sit in stdio's buffer when it writes to a file: its port says when it is up. */
  private static void awaitListening(ChildJvm process, int port) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.kill();
          throw new IllegalStateException("Mosquitto did not start on port " + port + "; its log:\n"
              + process.logTail());
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  /** The shipped configuration with the mount point and the listener ports of this installation. */
  static String installed(String shippedConf, Path mount, int port, int tlsPort) {
    String conf = shippedConf.replace("/mosquitto/", mount + "/");
    conf = replaceLine(conf, "listener 1883", "listener " + port);
    return replaceLine(conf, "listener 8883", "listener " + tlsPort);
  }

  private static String replaceLine(String text, String line, String replacement) {
    String marked = "\n" + line + "\n";
    if (!text.contains(marked)) {
      throw new IllegalStateException("the shipped mosquitto.conf has no line '" + line + "' any more");
    }
    return text.replace(marked, "\n" + replacement + "\n");
  }

  private static void makeSecrets(Path secrets, Map<String, String> passwords, Path log) {
    Path passwd = secrets.resolve("passwd");
    boolean first = true;
    for (Map.Entry<String, String> account : passwords.entrySet()) {
      List<String> command = new ArrayList<>(List.of(MOSQUITTO_PASSWD.toString()));
      if (first) {
        command.add("-c");
      }
      command.addAll(List.of("-b", passwd.toString(), account.getKey(), account.getValue()));
      run(command, log);
      first = false;
    }
    String ecKey = "ec_paramgen_curve:prime256v1";
    run(List.of(OPENSSL.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", ecKey, "-nodes", "-days", "2",
        "-subj", "/CN=parkloop-test-ca", "-keyout", secrets.resolve("ca.key").toString(),
        "-out", secrets.resolve("ca.pem").toString()), log);
    run(List.of(OPENSSL.toString(), "req", "-newkey", "ec", "-pkeyopt", ecKey, "-nodes", "-subj", "/CN=127.0.0.1",
        "-keyout", secrets.resolve("broker.key").toString(), "-out", secrets.resolve("broker.csr").toString()), log);
    run(List.of(OPENSSL.toString(), "x509", "-req", "-days", "2", "-in", secrets.resolve("broker.csr").toString(),
        "-CA", secrets.resolve("ca.pem").toString(), "-CAkey", secrets.resolve("ca.key").toString(),
        "-CAcreateserial", "-out", secrets.resolve("broker.pem").toString()), log);
  }

  private static void run(List<String> command, Path log) {
    ChildJvm tool = ChildJvm.startProgram(Path.of(command.get(0)).getFileName().toString(), command, Map.of(), log);
    int exit = tool.awaitExit(TOOL_TIMEOUT);
    if (exit != 0) {
      throw new IllegalStateException(String.join(" ", command.subList(0, 2)) + " failed (exit code " + exit + "):\n"
          + tool.logTail());
    }
  }

  /**
   * Started as root, Mosquitto runs as user mosquitto (as in its image), which must read the
   * configuration and secrets and write the data directory: the volumes' ownership in a container.
   */
  private static void ownedByMosquittoWhenRoot(Path mount) throws IOException {
    if (!"root".equals(System.getProperty("user.name"))) {
      return;
    }
    UserPrincipal mosquitto = mount.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("mosquitto");
    // and reach it: open the directories above it that others cannot enter (a test's temporary ones)
    for (Path dir = mount; dir != null; dir = dir.getParent()) {
      if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    try (Stream<Path> files = Files.walk(mount)) {
      for (Path file : files.toList()) {
        Files.setOwner(file, mosquitto);
      }
    }
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.close();
  }
}
