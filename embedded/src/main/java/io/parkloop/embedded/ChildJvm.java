package io.parkloop.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Java main class run as its own OS process (the deployed shape of a service, unlike the
 * in-JVM ones), its output appended to a log file. {@link #kill} is a real SIGKILL, so a test can
 * crash it the way the kernel's OOM killer or a pulled plug would.
 */
public final class ChildJvm implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChildJvm.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  private final String name;
  private final Process process;
  private final Path logFile;
  /** Where this process's output begins in the log: an earlier run on the same file wrote the rest. */
  private final long logStart;
  private final Thread killOnExit;

  private ChildJvm(String name, Process process, Path logFile, long logStart) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
    this.logStart = logStart;
    // a child would outlive a test JVM that exits without closing it
    this.killOnExit = new Thread(process::destroyForcibly, name + "-killer");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /**
   * The class path of this JVM: under Maven's surefire and failsafe the test class path (their own
   * {@code java.class.path} is a manifest-only jar), else {@code java.class.path}.
   */
  public static String classPathOfThisJvm() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  /**
   * Starts {@code java [jvmArgs] -cp classPath mainClass [args]} with the environment of this
   * JVM plus {@code environment}.
   */
  public static ChildJvm start(String name, String classPath, List<String> jvmArgs, String mainClass,
      List<String> args, Map<String, String> environment, Path logFile) {
    List<String> command = new ArrayList<>();
    command.add(JAVA.toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(args);
    return start(name, command, environment, logFile);
  }

  /** Starts {@code java [jvmArgs] -jar jar [args]}. */
  public static ChildJvm startJar(String name, Path jar, List<String> jvmArgs, List<String> args,
      Map<String, String> environment, Path logFile) {
    List<String> command = new ArrayList<>();
    command.add(JAVA.toString());
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    return start(name, command, environment, logFile);
  }

  private static ChildJvm start(String name, List<String> command, Map<String, String> environment,
      Path logFile) {
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      long logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      log.info("{} started as process {}, output in {}", name, process.pid(), logFile);
      return new ChildJvm(name, process, logFile, logStart);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
    }
  }

  /**
   * Waits until a line of the log contains {@code marker}.
   *
   * @throws IllegalStateException if the process ends first or the time is up, with the log's end
   */
  public void awaitLogLine(String marker, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!logContains(marker)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " ended with exit code " + process.exitValue()
            + " before logging '" + marker + "'; the end of " + logFile + ":\n" + logTail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " did not log '" + marker + "' within " + timeout.toSeconds()
            + " s; the end of " + logFile + ":\n" + logTail());
      }
      pause(Duration.ofMillis(200));
    }
  }

  /** Waits until the process ends by itself, and returns its exit code. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(name + " did not end within " + timeout.toSeconds() + " s; the end of "
            + logFile + ":\n" + logTail());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + name, e);
    }
  }

  public boolean logContains(String marker) {
    return readLog().contains(marker);
  }

  /** What this process wrote to the log so far. */
  public String readLog() {
    try {
      if (!Files.exists(logFile)) {
        return "";
      }
      byte[] all = Files.readAllBytes(logFile);
      int from = (int) Math.min(logStart, all.length);
      return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + logFile, e);
    }
  }

  /** The last 40 lines of the log, for error messages. */
  public String logTail() {
    List<String> lines = readLog().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return logFile;
  }

  /** SIGKILL (what {@link Process#destroyForcibly} sends on Linux), then waits until it is gone. */
  public void kill() {
    forgetShutdownHook();
    process.destroyForcibly();
    awaitGone();
    log.info("{} (process {}) killed with SIGKILL", name, process.pid());
  }

  /** SIGTERM, so the process runs its shutdown hooks; SIGKILL if it has not ended after 30 s. */
  @Override
  public void close() {
    forgetShutdownHook();
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        log.warn("{} ignored SIGTERM for {} s; killing it", name, STOP_TIMEOUT.toSeconds());
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    awaitGone();
  }

  private void forgetShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException jvmShuttingDown) {
      // the hook is running or about to
    }
  }

  private void awaitGone() {
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
