package io.parkloop.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;

/**
 * A program from a Debian package that some integration tests run as a child process. A test
 * whose tool is missing fails and names the tool and its package: a green build must mean the
 * test ran. {@code .ci/run} installs every such tool or stops.
 *
 * <p>On a laptop without the package, {@value #OPT_OUT} set to the program's name (or a
 * comma-separated list of them, or {@code all}) turns the failure into a skip. CI never sets it.
 */
public enum RequiredTool {
  MOSQUITTO(MosquittoBroker.BINARY, "mosquitto"),
  MOSQUITTO_PUB(Path.of("/usr/bin/mosquitto_pub"), "mosquitto-clients"),
  BASH(Path.of("/bin/bash"), "bash");

  /** The environment variable that lets the named tools be missing. */
  public static final String OPT_OUT = "PARKLOOP_MISSING_TOOLS_OK";

  private final Path binary;
  private final String debianPackage;

  RequiredTool(Path binary, String debianPackage) {
    this.binary = binary;
    this.debianPackage = debianPackage;
  }

  public Path binary() {
    return binary;
  }

  public boolean isInstalled() {
    return Files.isExecutable(binary);
  }

  /**
   * Returns when the tool is installed; otherwise fails the calling test naming the tool, or
   * skips it when {@value #OPT_OUT} lets this tool be missing.
   */
  public void require() {
    require(binary, debianPackage, System.getenv(OPT_OUT));
  }

  static void require(Path binary, String debianPackage, String optOut) {
    if (Files.isExecutable(binary)) {
      return;
    }
    String name = binary.getFileName().toString();
    String missing = binary + " is missing (Debian package " + debianPackage + "; .ci/run installs it)";
    if (optOut != null && Arrays.stream(optOut.split(",")).map(String::strip)
        .anyMatch(listed -> listed.equals("all") || listed.equals(name))) {
      Assumptions.abort(missing + "; skipped because " + OPT_OUT + "=" + optOut);
    }
    throw new IllegalStateException(missing + ". To skip its tests on a laptop, set " + OPT_OUT + "=" + name);
  }
}
