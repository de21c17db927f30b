package io.parkloop.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one record type with Avro single-object encoding: every message starts
 * with the marker {@code C3 01} and the 64-bit fingerprint of the schema that wrote it, so a
 * reader can tell which schema that was. Messages written with any released version decode.
 */
public final class AvroCodec<T extends SpecificRecord> {
  private final BinaryMessageEncoder<T> encoder;
  private final BinaryMessageDecoder<T> decoder;
  private final String type;

  private AvroCodec(Class<T> type) {
    Schema current = SpecificData.get().getSchema(type);
    this.type = current.getName();
    SchemaStore.Cache released = new SchemaStore.Cache();
    for (Schema schema : releasedVersions(current.getName())) {
      released.addSchema(schema);
    }
    this.encoder = new BinaryMessageEncoder<>(SpecificData.get(), current);
    this.decoder = new BinaryMessageDecoder<>(SpecificData.get(), current, released);
  }

  public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type) {
    return new AvroCodec<>(type);
  }

  public byte[] encode(T record) {
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + record.getSchema().getName(), e);
    }
  }

  /** Decodes a message; throws {@link IOException} when its schema is unknown or it is corrupt. */
  public T decode(byte[] message) throws IOException {
    try {
      return decoder.decode(message);
    } catch (AvroRuntimeException e) {
      throw new IOException("not a " + type + " message: " + e.getMessage(), e);
    }
  }

  /** The released versions of a record's schema, oldest first, from {@code released/Name.vN.avsc}. */
  public static List<Schema> releasedVersions(String recordName) {
    List<Schema> versions = new ArrayList<>();
    for (int version = 1; ; version++) {
      String path = "/released/" + recordName + ".v" + version + ".avsc";
      try (InputStream in = AvroCodec.class.getResourceAsStream(path)) {
        if (in == null) {
          return versions;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path, e);
      }
    }
  }
}
