package io.parkloop.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The current reference data of a file that may change while parkloop runs: the file is looked
 * at every few seconds and read again when it changed. A file that no longer loads keeps the
 * data that was good and reports why (file, line and key), until it is fixed.
 */
public final class ReferenceWatcher implements Supplier<ReferenceData>, AutoCloseable {
  private final Path file;
  private final Consumer<String> report;
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "reference-watcher");
    thread.setDaemon(true);
    return thread;
  });
  private volatile ReferenceData current;
  private FileTime loadedAt;

  /** Loads the file now (failing when it does not load) and then watches it. */
  public ReferenceWatcher(Path file, long pollMillis, Consumer<String> report) throws IOException {
    this.file = file;
    this.report = report;
    this.loadedAt = Files.getLastModifiedTime(file);
    this.current = ReferenceLoader.load(file);
    poller.scheduleWithFixedDelay(this::reloadIfChanged, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public ReferenceData get() {
    return current;
  }

  void reloadIfChanged() {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (modified.equals(loadedAt)) {
        return;
      }
      loadedAt = modified;
      ReferenceData reloaded = ReferenceLoader.load(file);
      current = reloaded;
      report.accept("reference data reloaded from " + file + ": " + reloaded.parks().size() + " parks, "
          + reloaded.enterprises().size() + " enterprises, " + reloaded.meters().size() + " meters, "
          + reloaded.outlets().size() + " outlets");
    } catch (ReferenceDataException e) {
      report.accept("reference data NOT reloaded, keeping the previous version: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      report.accept("reference data NOT reloaded, keeping the previous version: " + e);
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
