package io.parkloop.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import io.parkloop.embedded.RequiredTool;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code mosquitto_pub -l} (package mosquitto-clients): one QoS 1 message per line
 * written to its stdin, on one topic, the way a gateway flushes its backlog. It speaks MQTT
 * 3.1.1 unless told otherwise, so it also stands for the older gateways in the field.
 */
final class MosquittoPub implements AutoCloseable {
  private static final Path BINARY = RequiredTool.MOSQUITTO_PUB.binary();

  private final Process process;
  private final BufferedWriter stdin;

  private MosquittoPub(Process process) {
    this.process = process;
    this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
  }

  /** @param protocol {@code mqttv311} or {@code mqttv5} */
  static MosquittoPub start(String brokerUrl, String topic, String protocol) throws IOException {
    URI broker = URI.create(brokerUrl);
    Process process = new ProcessBuilder(BINARY.toString(), "-h", broker.getHost(),
        "-p", Integer.toString(broker.getPort()), "-V", protocol, "-q", "1", "-t", topic, "-l")
        .redirectOutput(ProcessBuilder.Redirect.INHERIT)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    return new MosquittoPub(process);
  }

  /** Queues one message; {@link #flush()} or {@link #finish} hands it to mosquitto_pub. */
  void publish(String payload) throws IOException {
    stdin.write(payload);
    stdin.write('\n');
  }

  void flush() throws IOException {
    stdin.flush();
  }

  /**
   * Ends the input and waits for mosquitto_pub to exit, which it does once the broker has
   * acknowledged every message.
   */
  void finish(Duration timeout) throws IOException, InterruptedException {
    stdin.close();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("mosquitto_pub still publishing after " + timeout);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("mosquitto_pub failed with exit code " + process.exitValue());
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
