package io.parkloop.launcher.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One input file of a replay, a payload per line, read in line order (its arrival order) and
 * ingested one line ahead, so that {@link Replay} can see how far in event time the next line
 * would take the file before choosing which file to read from. Blank lines are skipped.
 */
public final class ReplayFile implements AutoCloseable {
  /** The ingest of one payload, as the bridge or the HJ 212 server does it. */
  @FunctionalInterface
  public interface Ingest {
    List<ProducerRecord<byte[], byte[]>> records(byte[] payload, String source);
  }

  private final Path file;
  private final String name;
  private final ByteLines lines;
  private final Ingest ingest;
  private IngestedLine ahead;
  private long linesRead;
  private long newestTs = Long.MIN_VALUE;

  public ReplayFile(Path file, Ingest ingest) throws IOException {
    this.file = file;
    this.name = file.getFileName().toString();
    this.lines = new ByteLines(file);
    this.ingest = ingest;
  }

  /** The file as it was given. */
  Path file() {
    return file;
  }

  /** Lines taken so far, blank ones included. */
  long linesRead() {
    return linesRead;
  }

  /** The next line's ingest, without taking it; null after the last line. */
  IngestedLine peek() throws IOException {
    while (ahead == null) {
      byte[] payload = lines.next();
      if (payload == null) {
        return null;
      }
      if (isBlank(payload)) {
        linesRead++;
        continue;
      }
      ahead = IngestedLine.of(ingest.records(payload, "file:" + name + ":" + lines.number()));
    }
    return ahead;
  }

  /** The newest reading time of the file once its next line is taken too. */
  long newestTsWithNext() throws IOException {
    return Math.max(newestTs, peek().newestTs());
  }

  public IngestedLine take() throws IOException {
    IngestedLine line = peek();
    newestTs = newestTsWithNext();
    ahead = null;
    linesRead++;
    return line;
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
