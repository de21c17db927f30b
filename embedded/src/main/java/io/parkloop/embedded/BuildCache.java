package io.parkloop.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Things the tests build once per machine and reuse (a Debian trixie root, an npm install), in
 * {@code PARKLOOP_CACHE} or {@code ~/.cache/parkloop}: outside the work tree, so nothing built
 * is ever committed, and shared by every worktree and test JVM of the machine.
 */
final class BuildCache {
  private BuildCache() {}

  /** Makes one entry of the cache. */
  @FunctionalInterface
  interface Builder {
    void build(Path into) throws IOException, InterruptedException;
  }

  static Path root() {
    String configured = System.getenv("PARKLOOP_CACHE");
    return configured == null || configured.isBlank()
        ? Path.of(System.getProperty("user.home"), ".cache", "parkloop")
        : Path.of(configured);
  }

  /**
   * The entry {@code name}, built by {@code builder} unless it is there. Concurrent test JVMs
   * wait on a file lock instead of building twice; a build that fails or is killed leaves only
   * its {@code .partial} directory, which the next build starts by deleting.
   */
  static Path entry(String name, Builder builder) {
    Path root = root();
    Path entry = root.resolve(name);
    try {
      Files.createDirectories(root);
      try (FileChannel lockFile = FileChannel.open(root.resolve(name + ".lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        if (Files.isDirectory(entry)) {
          return entry;
        }
        Path partial = root.resolve(name + ".partial");
        delete(partial);
        Files.createDirectories(partial);
        builder.build(partial);
        Files.move(partial, entry);
        return entry;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build " + entry, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building " + entry, e);
    }
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
