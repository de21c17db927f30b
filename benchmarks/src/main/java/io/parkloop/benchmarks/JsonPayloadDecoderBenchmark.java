package io.parkloop.benchmarks;

import io.parkloop.ingest.Decoded;
import io.parkloop.ingest.JsonPayloadDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * The bridge's first step for every MQTT message: a gateway's array of ten readings (as the bench
 * generator sends it) and a single meter's object, JSON → validated {@code RawReading}s.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class JsonPayloadDecoderBenchmark {
  private static final String SOURCE = "mqtt:parkloop/v1/readings/E000001/gateway";
  private final byte[] gateway = gatewayPayload(10);
  private final byte[] single = reading(0).getBytes(StandardCharsets.UTF_8);

  @Benchmark
  public List<Decoded> gatewayArrayOfTen() {
    return JsonPayloadDecoder.decode(gateway, SOURCE);
  }

  @Benchmark
  public List<Decoded> singleReading() {
    return JsonPayloadDecoder.decode(single, SOURCE);
  }

  private static byte[] gatewayPayload(int readings) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < readings; i++) {
      json.append(i == 0 ? "" : ",").append(reading(i));
    }
    return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String reading(int meter) {
    return String.format("{\"meter\":\"E000001-M%02d\",\"ts\":\"2026-11-28T14:03:05.123+08:00\",\"value\":%d,\"unit\":\"kWh\"}",
        meter, 152_340 + meter);
  }
}
