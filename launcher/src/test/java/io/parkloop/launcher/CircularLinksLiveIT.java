package io.parkloop.launcher;

import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live, the same numbers as replayed ({@link CircularLinksIT}): {@link ChpParkDataSet}'s payloads
 * published over MQTT through the bridge, Kafka and the indicator job into PostgreSQL.
 */
@ExtendWith(SharedServices.class)
class CircularLinksLiveIT {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Test
  void liveThroughMqttAndKafkaTheSameNumbers(TestClassServices services, @TempDir Path dataDir) throws Exception {
    // yesterday: in the past, so no reading is refused as from the future
    ChpParkDataSet data = new ChpParkDataSet(LocalDate.now(SHANGHAI).minusDays(1));
    ServiceOptions options = new ServiceOptions();
    options.dataDir = dataDir;
    options.mqttUrl = services.mqtt().url();
    options.kafka = services.kafka().bootstrapServers();
    options.jdbc = services.jdbcUrl();
    try (LocalStack stack = LocalStack.start(options);
        Pipeline pipeline = Pipeline.start(stack, () -> ChpParkDataSet.REFERENCE, dataDir, 0)) {
      MqttClient gateway = new MqttClient(stack.mqttUrl(), "circular-links-it", new MemoryPersistence());
      gateway.connect();
      for (int i = 0; i < data.payloads.size(); i++) {
        String meter = data.payloadMeters.get(i);
        String enterprise = ChpParkDataSet.REFERENCE.meter(meter).orElseThrow().enterprise();
        MqttMessage message = new MqttMessage(data.payloads.get(i).getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        gateway.publish("parkloop/v1/readings/" + enterprise + "/" + meter, message);
      }
      gateway.disconnect();
      gateway.close();
      ChpParkRows.awaitDayRows(pipeline.database(), data);
      ChpParkRows.assertDayRows(pipeline.database(), data);
    }
  }

}
