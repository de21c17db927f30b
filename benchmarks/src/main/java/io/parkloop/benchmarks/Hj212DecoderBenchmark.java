package io.parkloop.benchmarks;

import io.parkloop.ingest.hj212.Hj212Decoder;
import io.parkloop.ingest.hj212.Hj212Frames;
import io.parkloop.ingest.hj212.Hj212Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * HJ 212 decoding with its CRC check: the first 200 packets of real 2016 field traffic (from
 * ../shared/hj212, HJ/T 212-2005 and 2017 mixed, heartbeats, status packets and a few with a bad
 * CRC included), per packet; and one HJ 212-2017 hourly packet as the bench's outlets send it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class Hj212DecoderBenchmark {
  private static final int FIELD_PACKETS = 200;
  private final Hj212Decoder decoder = new Hj212Decoder();
  private final byte[][] field = fieldPackets();
  private final byte[] hourly = Hj212Frames.encode("QN=20261128140000000;ST=32;CN=2061;PW=123456;MN=90000000000001;"
      + "Flag=4;CP=&&DataTime=20261128140000;w01018-Cou=3,w01018-Flag=N;w21003-Cou=0.5,w21003-Flag=N;"
      + "w00000-Cou=100.0,w00000-Flag=N&&");

  @Benchmark
  @OperationsPerInvocation(FIELD_PACKETS)
  public void fieldTraffic(Blackhole blackhole) {
    for (byte[] packet : field) {
      blackhole.consume(decoder.decode(packet));
    }
  }

  @Benchmark
  public Hj212Result hourlyPacket2017() {
    return decoder.decode(hourly);
  }

  private static byte[][] fieldPackets() {
    try (InputStream in = Hj212DecoderBenchmark.class.getResourceAsStream("/hj212-sample.h212")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\r\n");
      return Arrays.stream(lines).limit(FIELD_PACKETS).map(line -> (line + "\r\n").getBytes(StandardCharsets.US_ASCII))
          .toArray(byte[][]::new);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
