package io.parkloop.launcher.bench;

import io.parkloop.jobs.IndicatorJob;
import io.parkloop.jobs.JobSettings;
import io.parkloop.jobs.JobSinks;
import io.parkloop.jobs.records.MeterReading;
import io.parkloop.jobs.sources.ReadingsDeserializer;
import io.parkloop.reference.ReferenceData;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The indicator job alone: the same job and parallelism as the pipeline, reading the Kafka
 * stage's pre-filled topic to its end, writing to sinks that only count. Timed from the first
 * row out to the last, so the job's start-up does not count; checkpoints are off.
 */
final class FlinkStage {
  private FlinkStage() {}

  static StageResults.Stage run(String kafka, String topic, ReferenceData reference, int parallelism, long readings)
      throws Exception {
    String name = "bench-" + topic;
    CountingSink<io.parkloop.jobs.records.IndicatorRow> indicators = new CountingSink<>(name);
    try {
      KafkaSource<MeterReading> source = KafkaSource.<MeterReading>builder()
          .setBootstrapServers(kafka)
          .setTopics(topic)
          .setGroupId("parkloop-bench-flink-stage")
          .setStartingOffsets(OffsetsInitializer.earliest())
          .setBounded(OffsetsInitializer.latest())
          .setDeserializer(new ReadingsDeserializer())
          .build();
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, new Configuration());
      new IndicatorJob(reference, JobSettings.defaults(), source, null,
          new JobSinks(indicators, new CountingSink<>(name + "-late"), new CountingSink<>(name + "-quality"),
              new CountingSink<>(name + "-readings"))).build(env);
      env.execute(name);
      CountingSink.Tally tally = CountingSink.tally(name);
      double seconds = (tally.lastNanos.get() - tally.firstNanos.get()) / 1e9;
      long rows = tally.count.sum();
      return new StageResults.Stage("flink", String.format(java.util.Locale.ROOT,
          "indicator job, parallelism %d, pre-filled topic to its end; %,d indicator rows out (%.1f per reading)",
          parallelism, rows, (double) rows / readings), readings, 0, MqttStage.round(seconds),
          MqttStage.round(readings / seconds));
    } finally {
      CountingSink.forget(name);
      CountingSink.forget(name + "-late");
      CountingSink.forget(name + "-quality");
    }
  }
}
