package io.parkloop.launcher.replay;

import io.parkloop.jobs.records.MeterReading;
import io.parkloop.jobs.sources.ReadingsDeserializer;
import io.parkloop.schemas.Topics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A replay's readings as a bounded Flink source: the {@link ReadingSpool} read in order by one
 * reader, each value through the job's own {@link ReadingsDeserializer}, so the job gets what it
 * would have got from Kafka.
 *
 * <p>After each reading the reader emits the watermark that the job's bounded-out-of-orderness
 * strategy computes (the newest timestamp so far, less the out-of-orderness, less 1 ms). Left to
 * the strategy's periodic timer (every 200 ms), thousands of readings would pass between two
 * watermarks at replay speed, and which readings came too late would depend on the machine's
 * speed rather than on the file.
 */
public final class SpooledReadingsSource implements Source<MeterReading, SpooledReadingsSource.Split, Void> {
  private static final long serialVersionUID = 1L;
  /** Counts the spooled readings read into the job, for progress. */
  static final String READINGS_REPLAYED = "readingsReplayed";

  private final String spool;
  private final long outOfOrdernessMillis;

  SpooledReadingsSource(Path spool, Duration outOfOrderness) {
    this.spool = spool.toAbsolutePath().toString();
    this.outOfOrdernessMillis = outOfOrderness.toMillis();
  }

  /** The whole spool, from the given number of values already read. */
  record Split(String path, long position) implements SourceSplit {
    @Override
    public String splitId() {
      return "spool";
    }
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SourceReader<MeterReading, Split> createReader(SourceReaderContext context) {
    return new Reader(context.metricGroup().counter(READINGS_REPLAYED), outOfOrdernessMillis);
  }

  @Override
  public SplitEnumerator<Split, Void> createEnumerator(SplitEnumeratorContext<Split> context) {
    return new Enumerator(context, new Split(spool, 0));
  }

  @Override
  public SplitEnumerator<Split, Void> restoreEnumerator(SplitEnumeratorContext<Split> context, Void checkpoint) {
    throw new UnsupportedOperationException("a replay runs without checkpoints: run it again instead");
  }

  @Override
  public SimpleVersionedSerializer<Split> getSplitSerializer() {
    return new SplitSerializer();
  }

  @Override
  public SimpleVersionedSerializer<Void> getEnumeratorCheckpointSerializer() {
    return new NoCheckpointSerializer();
  }

  /** Gives the one split to the first reader and tells every reader there are no more. */
  private static final class Enumerator implements SplitEnumerator<Split, Void> {
    private final SplitEnumeratorContext<Split> context;
    private Split unassigned;

    Enumerator(SplitEnumeratorContext<Split> context, Split split) {
      this.context = context;
      this.unassigned = split;
    }

    @Override
    public void start() {}

    @Override
    public void addReader(int subtask) {
      if (unassigned != null) {
        context.assignSplit(unassigned, subtask);
        unassigned = null;
      }
      context.signalNoMoreSplits(subtask);
    }

    @Override
    public void handleSplitRequest(int subtask, String host) {}

    @Override
    public void addSplitsBack(List<Split> splits, int subtask) {
      unassigned = splits.get(0);
    }

    @Override
    public Void snapshotState(long checkpointId) {
      return null;
    }

    @Override
    public void close() {}
  }

  private static final class Reader implements SourceReader<MeterReading, Split> {
    private final Counter replayed;
    private final long outOfOrdernessMillis;
    private final ReadingsDeserializer deserializer = new ReadingsDeserializer();
    /** Completes when the split or the news that there is none arrives: until then nothing to read. */
    private final CompletableFuture<Void> assigned = new CompletableFuture<>();
    private String path;
    private ReadingSpool.Reader spool;
    private long position;
    private long newestTs = Long.MIN_VALUE;
    private ReaderOutput<MeterReading> output;
    /** Where the deserializer puts what it makes of a value. */
    private final Collector<MeterReading> emit = new Collector<>() {
      @Override
      public void collect(MeterReading reading) {
        emit(reading);
      }

      @Override
      public void close() {}
    };

    Reader(Counter replayed, long outOfOrdernessMillis) {
      this.replayed = replayed;
      this.outOfOrdernessMillis = outOfOrdernessMillis;
    }

    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<MeterReading> output) throws IOException {
      if (!assigned.isDone()) {
        return InputStatus.NOTHING_AVAILABLE;
      }
      byte[] value = spool == null ? null : spool.next();
      if (value == null) {
        return InputStatus.END_OF_INPUT;
      }
      this.output = output;
      deserializer.deserialize(new ConsumerRecord<>(Topics.READINGS, 0, position++, null, value), emit);
      replayed.inc();
      return InputStatus.MORE_AVAILABLE;
    }

    private void emit(MeterReading reading) {
      output.collect(reading);
      newestTs = Math.max(newestTs, reading.ts);
      output.emitWatermark(new Watermark(newestTs - outOfOrdernessMillis - 1));
    }

    @Override
    public List<Split> snapshotState(long checkpointId) {
      return spool == null ? List.of() : List.of(new Split(path, position));
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      return assigned;
    }

    @Override
    public void addSplits(List<Split> splits) {
      Split split = splits.get(0);
      try {
        spool = new ReadingSpool.Reader(Path.of(split.path()), split.position());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the replay's readings in " + split.path(), e);
      }
      path = split.path();
      position = split.position();
      assigned.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
      assigned.complete(null);
    }

    @Override
    public void close() throws IOException {
      if (spool != null) {
        spool.close();
      }
    }
  }

  private static final class SplitSerializer implements SimpleVersionedSerializer<Split> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(Split split) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeUTF(split.path());
        out.writeLong(split.position());
      }
      return bytes.toByteArray();
    }

    @Override
    public Split deserialize(int version, byte[] serialized) throws IOException {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        return new Split(in.readUTF(), in.readLong());
      }
    }
  }

  private static final class NoCheckpointSerializer implements SimpleVersionedSerializer<Void> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(Void nothing) {
      return new byte[0];
    }

    @Override
    public Void deserialize(int version, byte[] serialized) {
      return null;
    }
  }
}
