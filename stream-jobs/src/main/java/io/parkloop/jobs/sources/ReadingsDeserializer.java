package io.parkloop.jobs.sources;

import io.parkloop.avro.Reading;
import io.parkloop.jobs.records.MeterReading;
import org.apache.flink.util.Collector;

/** Decodes the readings topic: meter readings and outlets' HJ 212 values; see {@link SkippingDeserializer} for what is skipped. */
public class ReadingsDeserializer extends SkippingDeserializer<Reading, MeterReading> {
  public ReadingsDeserializer() {
    super(Reading.class, MeterReading.class);
  }

  @Override
  void emit(Reading reading, Collector<MeterReading> out) {
    long ts = reading.getTs().toEpochMilli();
    long receivedAt = reading.getReceivedAt().toEpochMilli();
    if (reading.getKind() == null) {
      out.collect(new MeterReading(reading.getMeter(), ts, reading.getValue(), receivedAt));
      return;
    }
    MeterReading value = MeterReading.outlet(reading.getMeter(), ts, reading.getMedium(), reading.getKind(),
        reading.getValue(), reading.getFlag(), reading.getPeriod(), receivedAt);
    value.quantity = reading.getReading();
    out.collect(value);
  }
}
