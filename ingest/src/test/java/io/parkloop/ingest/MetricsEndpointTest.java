package io.parkloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {
  private final IngestMetrics metrics = new IngestMetrics();
  private final MetricsEndpoint endpoint = new MetricsEndpoint(metrics, "127.0.0.1", 0);
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    endpoint.start();
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private HttpResponse<String> request(String method, String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
        .method(method, HttpRequest.BodyPublishers.noBody())
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheCountersInPrometheusTextFormat() throws Exception {
    metrics.messageIn();
    metrics.messageIn();
    metrics.messageIn();
    metrics.readingOut();
    metrics.readingOut();
    metrics.deadLetter("unknown_meter");
    metrics.deadLetter("unknown_meter");
    metrics.deadLetter("malformed_json");
    metrics.kafkaSent(2_000_000);
    metrics.kafkaSent(4_000_000);
    metrics.kafkaSendFailed();
    metrics.kafkaSendFailed();
    metrics.tcpConnectionOpened();
    metrics.tcpConnectionOpened();
    metrics.tcpConnectionClosed();
    metrics.tcpConnectionRefused();
    metrics.tcpConnectionHeldBack(true);
    metrics.hj212ReplySent();
    metrics.nonDataPacket("2021");
    metrics.wasteRecordOut();
    metrics.idleResubscribe();

    HttpResponse<String> response = request("GET", "/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body().lines()).contains(
        "# TYPE parkloop_ingest_messages_total counter",
        "parkloop_ingest_messages_total 3",
        "parkloop_ingest_mqtt_subscribed 0",
        "parkloop_ingest_mqtt_idle_resubscribes_total 1",
        "parkloop_ingest_readings_total 2",
        "parkloop_ingest_waste_records_total 1",
        "# TYPE parkloop_ingest_dead_letters_total counter",
        "parkloop_ingest_dead_letters_total{reason=\"malformed_json\"} 1",
        "parkloop_ingest_dead_letters_total{reason=\"unknown_meter\"} 2",
        "# TYPE parkloop_ingest_kafka_send_seconds summary",
        "parkloop_ingest_kafka_send_seconds_sum 0.006",
        "parkloop_ingest_kafka_send_seconds_count 2",
        "# TYPE parkloop_ingest_kafka_send_seconds_max gauge",
        "parkloop_ingest_kafka_send_seconds_max 0.004",
        "# TYPE parkloop_ingest_kafka_send_failures_total counter",
        "parkloop_ingest_kafka_send_failures_total 2",
        "# TYPE parkloop_ingest_tcp_connections_open gauge",
        "parkloop_ingest_tcp_connections_open 1",
        "parkloop_ingest_tcp_connections_held_back 1",
        "parkloop_ingest_tcp_connections_refused_total 1",
        "parkloop_ingest_hj212_replies_total 1",
        "parkloop_ingest_hj212_non_data_packets_total{cn=\"2021\"} 1");
    // every family is described, and every other line is a sample: name, optional labels, value
    assertThat(response.body().lines().filter(line -> line.startsWith("# HELP "))).hasSize(14);
    assertThat(response.body().lines().filter(line -> !line.startsWith("#")))
        .allMatch(line -> line.matches("parkloop_ingest_[a-z0-9_]+(\\{[a-z]+=\"[^\"]*\"})? [0-9.E-]+"));
  }

  @Test
  void familiesWithoutSamplesYetAreStillDescribed() throws Exception {
    String body = request("GET", "/metrics").body();

    assertThat(body.lines()).contains(
        "# TYPE parkloop_ingest_dead_letters_total counter",
        "parkloop_ingest_messages_total 0",
        "parkloop_ingest_kafka_send_seconds_count 0");
    assertThat(body).doesNotContain("parkloop_ingest_dead_letters_total{");
  }

  @Test
  void labelValuesFromTheInputAreEscaped() throws Exception {
    metrics.nonDataPacket("20\"21\\\n");

    assertThat(request("GET", "/metrics").body().lines())
        .contains("parkloop_ingest_hj212_non_data_packets_total{cn=\"20\\\"21\\\\\\n\"} 1");
  }

  @Test
  void answersOnlyGetOnMetrics() throws Exception {
    assertThat(request("GET", "/").statusCode()).isEqualTo(404);
    assertThat(request("GET", "/metrics/more").statusCode()).isEqualTo(404);
    assertThat(request("POST", "/metrics").statusCode()).isEqualTo(405);
  }

  @Test
  void servesTheGaugesItIsGivenAfterIngestsOwnNaNWhenOneCannotBeRead() {
    String text = MetricsEndpoint.render(metrics, java.util.List.of(
        new MetricsGauge("parkloop_job_kafka_lag_records", "Readings behind", () -> 1234),
        new MetricsGauge("parkloop_indicator_write_age_seconds", "Since the newest write", () -> Double.NaN)));

    assertThat(text.lines()).containsSubsequence(
        "# TYPE parkloop_ingest_messages_total counter",
        "# HELP parkloop_job_kafka_lag_records Readings behind",
        "# TYPE parkloop_job_kafka_lag_records gauge",
        "parkloop_job_kafka_lag_records 1234.0",
        "# TYPE parkloop_indicator_write_age_seconds gauge",
        "parkloop_indicator_write_age_seconds NaN");
  }
}
