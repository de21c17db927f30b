package io.parkloop.ingest;

import java.util.Map;

/**
 * Writes metric families in Prometheus' text exposition format 0.0.4: for each, a HELP and a
 * TYPE line, then its samples. Label values are escaped, since some come from the input (an HJ
 * 212 packet's CN).
 */
final class PrometheusText {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final StringBuilder text = new StringBuilder();

  PrometheusText counter(String name, String help, long value) {
    header(name, help, "counter");
    return sample(name, Long.toString(value));
  }

  /** A counter per label value; a family without samples yet still says what it will hold. */
  PrometheusText counter(String name, String help, String label, Map<String, Long> valueByLabel) {
    header(name, help, "counter");
    valueByLabel.forEach((labelValue, value) ->
        sample(name + "{" + label + "=\"" + escapeLabelValue(labelValue) + "\"}", Long.toString(value)));
    return this;
  }

  PrometheusText gauge(String name, String help, long value) {
    header(name, help, "gauge");
    return sample(name, Long.toString(value));
  }

  PrometheusText gauge(String name, String help, double value) {
    header(name, help, "gauge");
    return sample(name, Double.toString(value));
  }

  /** A summary without quantiles: the total and the count, from which a rate of means follows. */
  PrometheusText summary(String name, String help, double sum, long count) {
    header(name, help, "summary");
    sample(name + "_sum", Double.toString(sum));
    return sample(name + "_count", Long.toString(count));
  }

  private void header(String name, String help, String type) {
    text.append("# HELP ").append(name).append(' ')
        .append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
    text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private PrometheusText sample(String series, String value) {
    text.append(series).append(' ').append(value).append('\n');
    return this;
  }

  private static String escapeLabelValue(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
