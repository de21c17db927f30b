package io.parkloop.api;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A successful answer, read from the database and held until the transaction has ended, so that
 * a slow client never keeps a connection open.
 *
 * @param rows how many rows it holds, for the request's log line
 */
record ApiBody(String contentType, int rows, Writer writer) {
  interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }
}
