package io.parkloop.embedded;

import java.nio.file.Path;

/** The configuration files of {@link FlinkStandaloneCluster}: Flink's {@code config.yaml} and the processes' logging. */
final class FlinkConfig {
  private FlinkConfig() {}

  /*
   * - everything on 127.0.0.1; the JobManager's RPC and REST ports given (the TaskManagers and the
   *   test must find them), the other ports chosen by each process when it binds;
   * - memory: small, for a 2-core test machine shared with other builds; the TaskManager's task
   *   heap is what is left of taskmanager.memory.process.size after the framework's share, so the
   *   managed memory (RocksDB only; the jobs use the heap state backend) is kept small;
   * - heartbeats every 2 s with a 10 s timeout: a killed TaskManager is noticed within seconds
   *   (the defaults, 10 s and 50 s, are for networks that hiccup);
   * - restarts: fixed delay, many attempts, so the job waits for a replacement TaskManager;
   * - checkpoints: retained on cancellation, in the work directory, as in deploy/compose.
   */
  static String yaml(Path workDir, int rpcPort, int restPort, int slots) {
    return """
        # written by parkloop's FlinkStandaloneCluster at each start
        jobmanager.rpc.address: 127.0.0.1
        jobmanager.rpc.port: %d
        jobmanager.bind-host: 127.0.0.1
        taskmanager.bind-host: 127.0.0.1
        taskmanager.host: 127.0.0.1
        rest.address: 127.0.0.1
        rest.bind-address: 127.0.0.1
        rest.port: %d
        jobmanager.memory.process.size: 800m
        taskmanager.memory.process.size: 1100m
        taskmanager.memory.managed.size: 32m
        taskmanager.numberOfTaskSlots: %d
        parallelism.default: %d
        heartbeat.interval: 2000
        heartbeat.timeout: 10000
        restart-strategy.type: fixed-delay
        restart-strategy.fixed-delay.attempts: 1000
        restart-strategy.fixed-delay.delay: 2 s
        state.backend.type: hashmap
        execution.checkpointing.dir: %s
        execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
        execution.checkpointing.num-retained: 2
        web.upload.dir: %s
        io.tmp.dirs: %s
        blob.storage.directory: %s
        """.formatted(rpcPort, restPort, slots, slots, workDir.resolve("checkpoints").toUri(),
        workDir.resolve("uploads"), workDir.resolve("tmp"), workDir.resolve("blobs"));
  }

  /** Flink's INFO lines (job and checkpoint progress) and everyone's warnings, to standard output, i.e. the log file. */
  static final String LOGBACK = """
      <configuration>
        <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
          <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
        </appender>
        <logger name="org.apache.flink" level="INFO"/>
        <logger name="org.apache.flink.shaded" level="WARN"/>
        <logger name="org.apache.kafka" level="WARN"/>
        <root level="WARN"><appender-ref ref="STDOUT"/></root>
      </configuration>
      """;
}
