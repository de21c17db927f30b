package io.parkloop.jobs.sources;

import io.parkloop.avro.DayCorrection;
import org.apache.flink.util.Collector;

/** Decodes the day-corrections topic; see {@link SkippingDeserializer} for what is skipped. */
public class DayCorrectionDeserializer
    extends SkippingDeserializer<DayCorrection, io.parkloop.jobs.records.DayCorrection> {
  public DayCorrectionDeserializer() {
    super(DayCorrection.class, io.parkloop.jobs.records.DayCorrection.class);
  }

  @Override
  void emit(DayCorrection message, Collector<io.parkloop.jobs.records.DayCorrection> out) {
    out.collect(new io.parkloop.jobs.records.DayCorrection(message.getScopeType(), message.getScopeId(),
        message.getDay().toEpochMilli(), message.getIndicator(), message.getUnit(), message.getValue(),
        message.getLateEffect()));
  }

}
