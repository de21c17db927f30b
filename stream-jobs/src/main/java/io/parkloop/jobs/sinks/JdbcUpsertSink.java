package io.parkloop.jobs.sinks;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.parkloop.storage.Databases;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes rows to PostgreSQL in batches of idempotent upserts. Within a batch the latest row of
 * each key wins, so a burst of corrections to one hour costs one write. A batch is written when
 * it is full, every {@code flushIntervalMillis}, and always before a checkpoint completes: with
 * absolute values and upserts, a restart from that checkpoint neither loses nor doubles anything.
 * A database that is down is retried (and logged) until it is back; the job waits, Kafka
 * holds the backlog. Rows the database refuses (a data, constraint or access error; see
 * {@link SqlFailures}) would be refused forever, so they fail the sink instead: the job fails
 * visibly and restarts per its restart strategy from its last checkpoint. Every commit is
 * durable ({@code synchronous_commit = on} for the sink's session, whatever the server's
 * default): a checkpoint counts a flushed batch as written for good, and a closed hour is never
 * sent again.
 *
 * <p>With {@link WiderRows}, the rows they pick (an indicator's wider scopes and longer periods,
 * {@link io.parkloop.jobs.records.FreshnessTier}) are held back longer: written every
 * {@code widerFlushIntervalMillis}, before each checkpoint and at the end of the input, each with
 * its latest value. Such a row changes with every reading below it, so holding it for seconds
 * turns many upserts of one row into one.
 */
public class JdbcUpsertSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final String jdbcUrl;
  private final BatchWriter<T> writer;
  private final RowKey<T> key;
  private final int batchSize;
  private final long flushIntervalMillis;
  private final WiderRows<T> wider;
  private final long widerFlushIntervalMillis;

  /** Every row waits at most {@code flushIntervalMillis}. */
  public JdbcUpsertSink(String name, String jdbcUrl, BatchWriter<T> writer, RowKey<T> key, int batchSize,
      long flushIntervalMillis) {
    this(name, jdbcUrl, writer, key, batchSize, flushIntervalMillis, row -> false, flushIntervalMillis);
  }

  /** The rows {@code wider} picks wait at most {@code widerFlushIntervalMillis}, the others {@code flushIntervalMillis}. */
  public JdbcUpsertSink(String name, String jdbcUrl, BatchWriter<T> writer, RowKey<T> key, int batchSize,
      long flushIntervalMillis, WiderRows<T> wider, long widerFlushIntervalMillis) {
    this.name = name;
    this.jdbcUrl = jdbcUrl;
    this.writer = writer;
    this.key = key;
    this.batchSize = batchSize;
    this.flushIntervalMillis = flushIntervalMillis;
    this.wider = wider;
    this.widerFlushIntervalMillis = widerFlushIntervalMillis;
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    return new Writer(context.getProcessingTimeService(), context.metricGroup().counter("rowsWritten"));
  }

  private final class Writer implements SinkWriter<T> {
    private final Logger log = LoggerFactory.getLogger(JdbcUpsertSink.class);
    private final Map<String, T> batch = new LinkedHashMap<>();
    /** The wider rows waiting; bounded at ten batches, written in batches. */
    private final Map<String, T> held = new LinkedHashMap<>();
    private final ProcessingTimeService time;
    private final Counter written;
    private Connection connection;

    Writer(ProcessingTimeService time, Counter written) {
      this.time = time;
      this.written = written;
      scheduleFlush(flushIntervalMillis, batch);
      scheduleFlush(widerFlushIntervalMillis, held);
    }

    private void scheduleFlush(long interval, Map<String, T> rows) {
      time.registerTimer(time.getCurrentProcessingTime() + interval, now -> {
        writeAll(rows);
        scheduleFlush(interval, rows);
      });
    }

    @Override
    public void write(T row, Context context) throws IOException {
      if (wider.test(row)) {
        held.put(key.apply(row), row);
        if (held.size() >= 10 * batchSize) {
          writeAll(held);
        }
        return;
      }
      batch.put(key.apply(row), row);
      if (batch.size() >= batchSize) {
        writeAll(batch);
      }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
      writeAll(batch);
      writeAll(held);
    }

    /** Writes the rows in batches of at most {@code batchSize}, emptying the map. */
    private void writeAll(Map<String, T> rows) throws IOException {
      List<T> all = new ArrayList<>(rows.values());
      for (int from = 0; from < all.size(); from += batchSize) {
        writeBatch(all.subList(from, Math.min(all.size(), from + batchSize)));
      }
      rows.clear();
    }

    private void writeBatch(List<T> rows) throws IOException {
      if (rows.isEmpty()) {
        return;
      }
      long delay = 500;
      for (int attempt = 1; ; attempt++) {
        try {
          writer.write(connection(), rows);
          written.inc(rows.size());
          return;
        } catch (SQLException e) {
          closeQuietly();
          if (!SqlFailures.isTransient(e.getSQLState())) {
            throw refused(rows, e);
          }
          log.warn("{}: writing {} rows failed (attempt {}, SQLState {}), retrying in {} ms: {}", name, rows.size(),
              attempt, e.getSQLState(), delay, e.getMessage());
          sleep(delay);
          delay = Math.min(delay * 2, 10_000);
        }
      }
    }

    private IOException refused(List<T> rows, SQLException failure) {
      String message = String.format("%s: the database refused %d rows for good (SQLState %s, table %s, first offending row %s),"
          + " failing instead of retrying: %s", name, rows.size(), failure.getSQLState(),
          SqlFailures.reportedTable(failure).orElse("not reported"), firstRefused(rows), failure.getMessage());
      log.error(message);
      return new IOException(message, failure);
    }

    /** Writes the rows one at a time (idempotent, so harmless) to name the first that the database refuses alone. */
    private String firstRefused(List<T> rows) {
      for (T row : rows) {
        try {
          writer.write(connection(), List.of(row));
        } catch (SQLException e) {
          closeQuietly();
          return SqlFailures.isTransient(e.getSQLState()) ? "unknown (the database went away while looking)" : key.apply(row);
        }
      }
      return "none (only the batch as a whole)";
    }

    private Connection connection() throws SQLException {
      if (connection == null || connection.isClosed()) {
        // the data source, not DriverManager: drivers in a job jar are invisible to DriverManager
        connection = Databases.dataSource(jdbcUrl).getConnection();
        try (Statement durable = connection.createStatement()) {
          durable.execute("set synchronous_commit = on");
        }
      }
      return connection;
    }

    private void sleep(long millis) throws IOException {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(name + ": interrupted while waiting for the database", e);
      }
    }

    private void closeQuietly() {
      try {
        if (connection != null) {
          connection.close();
        }
      } catch (SQLException ignored) {
        // the connection is being replaced because it failed; nothing more to do with it
      }
      connection = null;
    }

    @Override
    public void close() {
      closeQuietly();
    }
  }
}
