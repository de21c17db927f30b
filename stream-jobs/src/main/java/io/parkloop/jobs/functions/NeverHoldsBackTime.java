package io.parkloop.jobs.functions;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * The watermarks of a slowly changing side input (monthly statistics arrive weeks after their
 * month): it never holds event time back, so the job's clock follows the readings alone. Its
 * records are not late by this: the month-level state they join lives for a long retention.
 */
public class NeverHoldsBackTime<T> implements WatermarkGenerator<T> {
  @Override
  public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    output.emitWatermark(new Watermark(Long.MAX_VALUE - 1));
  }
}
