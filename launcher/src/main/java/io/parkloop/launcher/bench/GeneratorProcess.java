package io.parkloop.launcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Starts {@link LoadGenerator} in a JVM of its own, from the jar (or class path) this code runs
 * from, and reads its summary. Its progress lines go to this process's stderr.
 */
public final class GeneratorProcess {
  private final Process process;
  private final CompletableFuture<String> stdout;

  private GeneratorProcess(Process process) {
    this.process = process;
    this.stdout = CompletableFuture.supplyAsync(() -> {
      try (InputStream in = process.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    });
  }

  /** What the generator is told: the fleet, where to send, how fast and how long. */
  public record Plan(String mqttUrl, Path reference, String prefix, double rate, long durationMillis, long startAt,
      double hj212Share, String topicRoot, long maxReadings) {}

  public static GeneratorProcess start(Plan plan, Path logDir) throws IOException {
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-XX:+UseParallelGC",
        "-Dparkloop.log.dir=" + logDir, "-cp", classPath(), LoadGenerator.class.getName(),
        "--mqtt-url", plan.mqttUrl(), "--reference", plan.reference().toString(), "--prefix", plan.prefix(),
        "--rate", String.format(Locale.ROOT, "%.3f", plan.rate()), "--duration-ms", Long.toString(plan.durationMillis()),
        "--start-at", Long.toString(plan.startAt()), "--hj212-share", Double.toString(plan.hj212Share()),
        "--topic-root", plan.topicRoot(), "--max-readings", Long.toString(plan.maxReadings())));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new GeneratorProcess(process);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the generator to end and returns what it sent. */
  public GeneratorSummary await(long timeoutSeconds) throws Exception {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroy();
      throw new IllegalStateException("the load generator did not finish within " + timeoutSeconds + " s");
    }
    String output = stdout.get(10, TimeUnit.SECONDS).strip();
    if (process.exitValue() != 0 || output.isEmpty()) {
      throw new IllegalStateException("the load generator failed (exit code " + process.exitValue() + ")");
    }
    String lastLine = output.substring(output.lastIndexOf('\n') + 1);
    return new ObjectMapper().readValue(lastLine, GeneratorSummary.class);
  }

  public void destroy() {
    process.destroy();
  }

  private static String javaExecutable() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /**
   * The running jar when it is the self-contained parkloop jar (launched as {@code ./parkloop});
   * otherwise (tests, an IDE) the class path this JVM was started with.
   */
  private static String classPath() {
    try {
      File location = new File(GeneratorProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (location.isFile()) {
        try (JarFile jar = new JarFile(location)) {
          Manifest manifest = jar.getManifest();
          if (manifest != null && "io.parkloop.launcher.ParkloopCli".equals(manifest.getMainAttributes().getValue("Main-Class"))) {
            return location.getPath();
          }
        }
      }
    } catch (URISyntaxException | IOException e) {
      // fall back to the class path below
    }
    return System.getProperty("java.class.path");
  }
}
