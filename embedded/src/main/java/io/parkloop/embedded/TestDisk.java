package io.parkloop.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs for the tests of a full disk: mounted on a directory, filled until the file
 * system refuses more, unmounted afterwards. Mounting needs root, as CI has; elsewhere the test
 * fails with mount's own message.
 */
public final class TestDisk implements AutoCloseable {
  private final Path dir;

  private TestDisk(Path dir) {
    this.dir = dir;
  }

  /** Mounts a tmpfs of {@code mebibytes} on {@code dir}, which is created if missing. */
  public static TestDisk mount(Path dir, int mebibytes) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    run("mount", "-t", "tmpfs", "-o", "size=" + mebibytes + "m", "tmpfs", dir.toString());
    return new TestDisk(dir);
  }

  public Path dir() {
    return dir;
  }

  /**
   * Writes zeros into the file {@code name} until the file system refuses more with "No space left
   * on device"; deleting the returned file gives the space back.
   */
  public Path fill(String name) throws IOException {
    Path file = dir.resolve(name);
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      if (full.getMessage() == null || !full.getMessage().contains("No space left on device")) {
        throw new AssertionError("filling " + file + " stopped for another reason than a full disk", full);
      }
    }
    return file;
  }

  /** Unmounts lazily: a killed process that still holds a file there does not keep the mount busy. */
  @Override
  public void close() throws IOException, InterruptedException {
    run("umount", "--lazy", dir.toString());
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " (this test mounts a tmpfs, which needs root): "
          + output.strip());
    }
  }
}
