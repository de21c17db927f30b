package io.parkloop.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The API's error body: {@code {"error": "bad_request", "message": "..."}}, the same shape for every status. */
final class ApiErrors {
  private static final JsonFactory JSON = new JsonFactory();

  private ApiErrors() {}

  static byte[] json(String code, String message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("error", code);
      json.writeStringField("message", message);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON into memory", e);
    }
    return out.toByteArray();
  }
}
