package io.parkloop.launcher.bench;

import io.parkloop.reference.ReferenceData;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Each stage of the chain alone on the same services, one after the other with the pipeline
 * stopped: the broker, Kafka, the indicator job, PostgreSQL. Each is as fast as it goes, so the
 * slowest is the chain's ceiling on this machine.
 */
public final class StageBenchmarks {
  /** The readings topic's partitions and the job's parallelism in the pipeline. */
  private static final int PARTITIONS = 4;
  private static final int PARALLELISM = 2;

  private final String mqttUrl;
  private final String mqttBroker;
  private final String kafka;
  private final String jdbcUrl;
  private final ReferenceData reference;
  private final Path referenceFile;
  private final String prefix;
  private final Path workDir;
  private final PrintStream progress;

  public StageBenchmarks(String mqttUrl, String mqttBroker, String kafka, String jdbcUrl, ReferenceData reference,
      Path referenceFile, String prefix, Path workDir, PrintStream progress) {
    this.mqttUrl = mqttUrl;
    this.mqttBroker = mqttBroker;
    this.kafka = kafka;
    this.jdbcUrl = jdbcUrl;
    this.reference = reference;
    this.referenceFile = referenceFile;
    this.prefix = prefix;
    this.workDir = workDir;
    this.progress = progress;
  }

  /**
   * @param rate the end-to-end run's rate, which sets how far apart the job's readings are in time
   * @param rowsPerReading indicator rows the end-to-end run wrote per reading: the sink keeps only
   *     the latest row of each key within a batch, so far fewer reach the database than the job emits
   */
  public List<StageResults.Stage> run(long readings, double rate, double rowsPerReading) throws Exception {
    List<StageResults.Stage> stages = new ArrayList<>();
    progress.printf("bench: stages alone, %,d readings each: MQTT ...%n", readings);
    stages.add(MqttStage.run(mqttUrl, mqttBroker, referenceFile, prefix, readings, workDir));
    progress.println("bench: stages: Kafka ...");
    String topic = "parkloop.bench." + prefix;
    stages.add(KafkaStage.run(kafka, topic, PARTITIONS, new StageReadings(reference, prefix, readings, rate), readings));
    progress.println("bench: stages: the Flink job ...");
    stages.add(FlinkStage.run(kafka, topic, reference, PARALLELISM, readings));
    progress.println("bench: stages: PostgreSQL COPY ...");
    stages.add(PostgresCopyStage.run(jdbcUrl, prefix, Math.round(readings * rowsPerReading), readings));
    return stages;
  }
}
