package io.parkloop.jobs.sources;

import io.parkloop.avro.WasteRecord;
import io.parkloop.jobs.records.WasteRow;
import io.parkloop.reference.Province;
import java.time.YearMonth;
import org.apache.flink.util.Collector;

/**
 * Decodes the waste topic; see {@link SkippingDeserializer} for what is skipped (ingest validated
 * every record, so a skipped one was written by something else).
 */
public class WasteDeserializer extends SkippingDeserializer<WasteRecord, WasteRow> {
  public WasteDeserializer() {
    super(WasteRecord.class, WasteRow.class);
  }

  @Override
  void emit(WasteRecord message, Collector<WasteRow> out) {
    out.collect(toRow(message));
  }

  public static WasteRow toRow(WasteRecord waste) {
    long monthStart = YearMonth.parse(waste.getMonth()).atDay(1).atStartOfDay(Province.ZONE).toInstant().toEpochMilli();
    return new WasteRow(waste.getEnterprise(), waste.getId(), monthStart, waste.getCategory(), waste.getHwCode(),
        waste.getFlow(), waste.getToEnterprise(), waste.getHandler(), waste.getTonnes());
  }
}
