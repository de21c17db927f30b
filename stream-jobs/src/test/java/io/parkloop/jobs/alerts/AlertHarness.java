package io.parkloop.jobs.alerts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * A rule's function in Flink's operator test harness, with the alerts it published read back the
 * way the table keeps them.
 */
final class AlertHarness<IN> implements AutoCloseable {
  final KeyedOneInputStreamOperatorTestHarness<String, IN, AlertUpdate> harness;

  AlertHarness(KeyedProcessFunction<String, IN, AlertUpdate> function, KeySelector<IN, String> key) throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function), key, Types.STRING);
    harness.open();
  }

  AlertHarness<IN> push(IN element, long timestamp) throws Exception {
    harness.processElement(new StreamRecord<>(element, timestamp));
    return this;
  }

  AlertHarness<IN> watermark(Instant time) throws Exception {
    harness.processWatermark(time.toEpochMilli());
    return this;
  }

  AlertHarness<IN> clock(Instant time) throws Exception {
    harness.setProcessingTime(time.toEpochMilli());
    return this;
  }

  /** Every update published, in order. */
  List<AlertUpdate> published() {
    return harness.extractOutputValues();
  }

  /** What the alerts table holds after applying every update: the latest of each id, withdrawn ones deleted. */
  Map<String, AlertUpdate> table() {
    Map<String, AlertUpdate> table = new LinkedHashMap<>();
    for (AlertUpdate update : published()) {
      if (update.withdrawn) {
        table.remove(update.id);
      } else {
        table.put(update.id, update);
      }
    }
    return table;
  }

  /** The one alert in the table. */
  AlertUpdate only() {
    Map<String, AlertUpdate> table = table();
    if (table.size() != 1) {
      throw new AssertionError("expected exactly one alert, found " + table.values());
    }
    return table.values().iterator().next();
  }

  @Override
  public void close() throws Exception {
    harness.close();
  }
}
