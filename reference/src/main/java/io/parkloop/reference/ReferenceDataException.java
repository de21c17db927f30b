package io.parkloop.reference;

/** A reference-data file that cannot be used, with the file, line and key that are wrong. */
public final class ReferenceDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String key;

  public ReferenceDataException(String file, int line, String key, String problem) {
    super(file + ":" + line + ": " + key + ": " + problem);
    this.file = file;
    this.line = line;
    this.key = key;
  }

  public String file() { return file; }

  /** 1-based line number. */
  public int line() { return line; }

  /** The path of the offending key, e.g. {@code meters[3].unit}. */
  public String key() { return key; }
}
