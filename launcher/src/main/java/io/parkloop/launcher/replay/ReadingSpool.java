package io.parkloop.launcher.replay;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The readings of a replay between ingest and the job: the readings topic's record values, each
 * after its length, in the order ingest produced them. A file rather than a list in the job, so
 * that a long history needs neither a large heap nor a large job graph.
 */
public final class ReadingSpool {
  private ReadingSpool() {}

  static final class Writer implements AutoCloseable {
    private final DataOutputStream out;
    private long count;

    Writer(Path file) throws IOException {
      this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    void append(byte[] value) throws IOException {
      out.writeInt(value.length);
      out.write(value);
      count++;
    }

    long count() {
      return count;
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  static final class Reader implements AutoCloseable {
    private final DataInputStream in;

    /** Opens the spool after its first {@code skip} values. */
    Reader(Path file, long skip) throws IOException {
      this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
      for (long i = 0; i < skip; i++) {
        in.skipNBytes(in.readInt());
      }
    }

    /** The next value, or null at the end. */
    byte[] next() throws IOException {
      int length;
      try {
        length = in.readInt();
      } catch (EOFException end) {
        return null;
      }
      return in.readNBytes(length);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
