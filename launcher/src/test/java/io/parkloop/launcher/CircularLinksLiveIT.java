package io.parkloop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkloop.embedded.SharedServices;
import io.parkloop.embedded.TestClassServices;
import io.parkloop.launcher.pipeline.LocalStack;
import io.parkloop.launcher.pipeline.Pipeline;
import io.parkloop.launcher.pipeline.ServiceOptions;
import io.parkloop.reference.Province;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live, the same numbers as replayed ({@link CircularLinksIT}): {@link ChpParkDataSet}'s payloads
 * and the month's waste tickets published over MQTT through the bridge, Kafka and the indicator
 * job into PostgreSQL; the bad tickets counted as dead letters by reason.
 */
@ExtendWith(SharedServices.class)
class CircularLinksLiveIT {
  private static final ZoneId SHANGHAI = Province.ZONE;

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
        publish(gateway, "parkloop/v1/readings/" + enterprise + "/" + meter, data.payloads.get(i));
      }
      // the month's waste as weighbridge tickets, one JSON array per enterprise, the bad ones among them
      for (String enterprise : List.of("CHP", "A", "B")) {
        publish(gateway, "parkloop/v1/waste/" + enterprise, tickets(data, enterprise));
      }
      gateway.disconnect();
      gateway.close();

      ChpParkRows.awaitDayRows(pipeline.database(), data);
      ChpParkRows.assertDayRows(pipeline.database(), data);
      ChpParkRows.awaitMonthRows(pipeline.database(), data.day, ChpParkRows.expectedWaste());
      ChpParkRows.assertMonthRows(pipeline.database(), data.day, ChpParkRows.expectedWaste());
      // B's hazardous ticket without its HW code; A's to an enterprise nobody knows
      assertThat(pipeline.metrics().deadLettersByReason()).containsEntry("missing_field", 1L)
          .containsEntry("unknown_enterprise", 1L);
    }
  }

  private static void publish(MqttClient client, String topic, String payload) throws Exception {
    MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    message.setQos(1);
    client.publish(topic, message);
  }

  /** An enterprise's waste lines of the data set as the JSON array its weighbridge publishes. */
  private static String tickets(ChpParkDataSet data, String enterprise) {
    List<String> tickets = new ArrayList<>();
    for (String line : data.wasteLines()) {
      String[] cells = line.split(",", -1);
      if (!cells[0].equals(enterprise) || cells.length != 9) {
        continue; // the CSV's short line has no JSON counterpart
      }
      StringBuilder json = new StringBuilder("{\"id\": \"" + cells[1] + "\", \"date\": \"" + cells[2]
          + "\", \"category\": \"" + cells[3] + "\", \"flow\": \"" + cells[5] + "\", \"tonnes\": " + cells[8]);
      String[][] optional = {{"hw_code", cells[4]}, {"to", cells[6]}, {"handler", cells[7]}};
      for (String[] field : optional) {
        if (!field[1].isEmpty()) {
          json.append(", \"").append(field[0]).append("\": \"").append(field[1]).append('"');
        }
      }
      tickets.add(json.append('}').toString());
    }
    if (enterprise.equals("A")) {
      tickets.add("{\"id\": \"A-X9\", \"date\": \"" + data.day + "\", \"category\": \"general\","
          + " \"flow\": \"transferred\", \"to\": \"E404\", \"tonnes\": 3}");
    }
    return "[" + String.join(", ", tickets) + "]";
  }
}
