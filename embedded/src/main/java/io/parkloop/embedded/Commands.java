package io.parkloop.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the command-line tools that build and start the test databases. */
final class Commands {
  private static final int TAIL_CHARS = 4_000;

  private Commands() {}

  /**
   * Runs {@code command} to its end, its output in {@code log}; fails with the output's tail when
   * it exits non-zero or outlives {@code timeoutSeconds}.
   */
  static void run(List<String> command, Path log, long timeoutSeconds) throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IOException(String.join(" ", command) + " did not end within " + timeoutSeconds
          + " s; its output:\n" + tail(log));
    }
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " exited with " + process.exitValue()
          + "; its output:\n" + tail(log));
    }
  }

  /** The path of {@code tool} on the PATH, or a failure naming it and how to get it. */
  static Path require(String tool, String howToGetIt) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    for (Path sbin : List.of(Path.of("/usr/sbin"), Path.of("/sbin"))) {
      if (Files.isExecutable(sbin.resolve(tool))) {
        return sbin.resolve(tool);
      }
    }
    throw new IllegalStateException(tool + " is not installed (" + howToGetIt + ")");
  }

  static boolean runningAsRoot() {
    try {
      Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
      String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return id.waitFor() == 0 && uid.equals("0");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static String tail(Path log) {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.length() <= TAIL_CHARS ? text : "..." + text.substring(text.length() - TAIL_CHARS);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }
}
