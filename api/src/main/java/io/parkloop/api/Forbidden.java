package io.parkloop.api;

/** A request the token's role may not make at all, whatever its parameters; the message says why (HTTP 403). */
final class Forbidden extends RuntimeException {
  Forbidden(String message) {
    super(message);
  }
}
