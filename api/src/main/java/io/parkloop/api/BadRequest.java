package io.parkloop.api;

/** A request the API cannot answer as asked; its message says what to change (HTTP 400). */
final class BadRequest extends RuntimeException {
  BadRequest(String message) {
    super(message);
  }
}
