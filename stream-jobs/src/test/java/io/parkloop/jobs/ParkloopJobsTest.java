package io.parkloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** The one graph the cluster entry point submits and the launcher runs locally; nothing is started. */
class ParkloopJobsTest {
  @Test
  void theGraphHoldsTheThreeJobsWithExactlyOnceCheckpointsEveryTenSeconds() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ParkloopJobs.onKafkaAndPostgres(IndicatorJobTest.REFERENCE, "127.0.0.1:9", "jdbc:postgresql://127.0.0.1:9/none")
        .build(env);

    assertThat(env.getCheckpointConfig().getCheckpointInterval()).isEqualTo(10_000);
    assertThat(env.getCheckpointConfig().getCheckpointingConsistencyMode()).isEqualTo(CheckpointingMode.EXACTLY_ONCE);
    List<String> uids = env.getStreamGraph().getStreamNodes().stream().map(StreamNode::getTransformationUID)
        .filter(Objects::nonNull).toList();
    assertThat(uids).doesNotHaveDuplicates()
        .contains("readings-source", "statistics-source", "indicators-sink", "alert-readings-source", "alerts-table-sink",
            "alerts-topic-sink", "dead-letters-source", "dead-letter-table-sink");
  }

  @Test
  void theEntryPointNamesAWrongOrMissingOption() {
    assertThatThrownBy(() -> IndicatorJobMain.jobs(IndicatorJobMain.options(
        new String[] {"--reference", "r.yaml", "--kafka", "k:9092"})))
        .hasMessageContaining("missing --jdbc").hasMessageContaining(IndicatorJobMain.USAGE);
    assertThatThrownBy(() -> IndicatorJobMain.options(new String[] {"--group", "g"}))
        .hasMessageContaining("unknown option --group");
    assertThatThrownBy(() -> IndicatorJobMain.options(new String[] {"--kafka"}))
        .hasMessageContaining("odd number");
    assertThat(IndicatorJobMain.options(new String[] {"--kafka", "k:9092"})).isEqualTo(Map.of("kafka", "k:9092"));
  }
}
