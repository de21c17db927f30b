package io.parkloop.launcher.replay;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A file read line by line as bytes, so that a bad line is dead-lettered exactly as it was
 * written, whatever its encoding. Lines end with LF or CRLF; the last one may end without.
 */
public final class ByteLines implements AutoCloseable {
  private final InputStream in;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private long number;

  public ByteLines(Path file) throws IOException {
    this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
  }

  /** The number of lines in the file, for progress. */
  public static long count(Path file) throws IOException {
    try (ByteLines lines = new ByteLines(file)) {
      while (lines.next() != null) {
        // next() counts the lines
      }
      return lines.number;
    }
  }

  /** The next line without its line end, or null after the last one. */
  public byte[] next() throws IOException {
    line.reset();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      line.write(b);
    }
    if (b == -1 && line.size() == 0) {
      return null;
    }
    number++;
    byte[] bytes = line.toByteArray();
    int length = bytes.length;
    return length > 0 && bytes[length - 1] == '\r' ? Arrays.copyOf(bytes, length - 1) : bytes;
  }

  /** The 1-based number of the line {@link #next()} returned last. */
  public long number() {
    return number;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
