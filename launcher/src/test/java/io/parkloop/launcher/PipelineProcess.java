package io.parkloop.launcher;

import io.parkloop.launcher.pipeline.ServiceOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code parkloop run} in a JVM of its own on external services, so that a test can kill it
 * the way a crash or the OOM killer does (SIGKILL): the bridge's MQTT connection and unsent
 * Kafka records, and the MiniCluster with its running jobs, vanish without a goodbye. Its
 * output goes to a file in the data directory, shown when it does not start.
 */
final class PipelineProcess implements AutoCloseable {
  private static final String RUNNING = "parkloop: pipeline running";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;

  private PipelineProcess(Process process) {
    this.process = process;
  }

  /** Starts {@code run} and returns once its bridge and jobs are running. */
  static PipelineProcess start(ServiceOptions services, Path reference) throws IOException, InterruptedException {
    Path output = services.dataDir.resolve("run-" + System.nanoTime() + ".log");
    Files.createDirectories(services.dataDir);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(java, "-Xmx512m", "-Duser.timezone=UTC",
        "-cp", System.getProperty("java.class.path"), ParkloopCli.class.getName(), "run",
        "--mqtt-url", services.mqttUrl, "--kafka", services.kafka, "--jdbc", services.jdbc,
        "--data-dir", services.dataDir.toString(), "--reference", reference.toString(),
        "--hj212-port", "0", "--metrics-port", "0"))
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!Files.readString(output, StandardCharsets.UTF_8).contains(RUNNING)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("parkloop run did not start; its output:\n" + Files.readString(output));
      }
      Thread.sleep(100);
    }
    return new PipelineProcess(process);
  }

  /** SIGKILL, and waits until the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      process.waitFor();
    }
  }
}
