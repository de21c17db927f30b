package io.parkloop.embedded;

import static io.parkloop.embedded.KafkaTestClients.consume;
import static io.parkloop.embedded.KafkaTestClients.produce;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedServices.class)
class SharedServicesIT {
  private final TestClassServices services;

  SharedServicesIT(TestClassServices services) {
    this.services = services;
  }

  @Test
  void injectsOneViewPerTestClass(TestClassServices inMethod) {
    assertThat(inMethod).isSameAs(services);
    assertThat(services.suffix()).matches("sharedservicesit-\\d+");
    assertThat(services.topic("parkloop.readings"))
        .isEqualTo("parkloop.readings." + services.suffix());
  }

  @Test
  void kafkaCarriesRecordsOnTheClassesOwnTopic() throws Exception {
    String topic = services.createTopic("parkloop.readings", 2);

    produce(services.kafka(), topic, "E001-ELEC", "152340.5");

    assertThat(consume(services.kafka(), topic, 1)).containsExactly("E001-ELEC=152340.5");
  }

  @Test
  void mqttBrokerCarriesMessages() throws Exception {
    String url = services.mqtt().url();
    try (MqttTestClient bridge = MqttTestClient.connect(url, "bridge-" + services.suffix(), true);
        MqttTestClient meter = MqttTestClient.connect(url, "meter-" + services.suffix(), true)) {
      bridge.subscribe("$share/bridge/" + services.suffix() + "/readings/#");
      meter.publish(services.suffix() + "/readings/E001-ELEC", "152340.5");

      assertThat(bridge.await(1, Duration.ofSeconds(10))).containsExactly("152340.5");
    }
  }

  @Test
  void postgresGivesTheClassItsOwnDatabase() throws Exception {
    try (Connection connection = services.dataSource().getConnection();
        Statement sql = connection.createStatement();
        ResultSet row = sql.executeQuery("SELECT current_database()")) {
      row.next();
      assertThat(row.getString(1)).isEqualTo(services.databaseName());
    }
  }

  @Nested
  class NestedTests {
    @Test
    void shareTheOuterClassesView(TestClassServices inNested) {
      assertThat(inNested).isSameAs(services);
    }
  }
}
