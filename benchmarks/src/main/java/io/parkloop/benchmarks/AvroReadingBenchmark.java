package io.parkloop.benchmarks;

import io.parkloop.avro.Reading;
import io.parkloop.schemas.AvroCodec;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A reading on Kafka: the bridge encodes each validated reading with Avro single-object
 * encoding, the job decodes it again.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class AvroReadingBenchmark {
  private final AvroCodec<Reading> codec = AvroCodec.of(Reading.class);
  private final Reading reading = Reading.newBuilder()
      .setMeter("E000001-M02")
      .setEnterprise("E000001")
      .setMedium("electricity")
      .setReading("cumulative")
      .setTs(Instant.parse("2026-11-28T06:03:05.123Z"))
      .setValue(152_342.0)
      .setUnit("kWh")
      .setReceivedAt(Instant.parse("2026-11-28T06:03:05.130Z"))
      .setSource("mqtt:parkloop/v1/readings/E000001/gateway")
      .build();
  private final byte[] encoded = codec.encode(reading);

  @Benchmark
  public byte[] encode() {
    return codec.encode(reading);
  }

  @Benchmark
  public Reading decode() throws IOException {
    return codec.decode(encoded);
  }
}
