package io.parkloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.parkloop.avro.Reading;
import io.parkloop.ingest.hj212.Hj212Decoder;
import io.parkloop.ingest.hj212.Hj212Frames;
import io.parkloop.schemas.AvroCodec;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * HJ 212-2025's ST 44 (equipment electricity) and ST 45 (operating conditions) packets become
 * readings of the outlet's enterprise; analyser clocks ahead are refused, clocks behind kept.
 */
class Hj212FieldRealityTest {
  private static final Instant ARRIVAL = Instant.parse("2026-03-01T02:00:05Z");
  private final IngestMetrics metrics = new IngestMetrics();
  private final Hj212Ingest ingest = new Hj212Ingest(() -> TestReference.DATA, new Hj212Decoder(), metrics);

  private List<Reading> readings(String segment) throws IOException {
    List<Reading> readings = new ArrayList<>();
    for (ProducerRecord<byte[], byte[]> record : ingest.ingest(Hj212Frames.encode(segment), "tcp:test", ARRIVAL).records()) {
      readings.add(AvroCodec.of(Reading.class).decode(record.value()));
    }
    return readings;
  }

  @Test
  void theEquipmentsPowerAndEnergyAreReadingsOfTheOutletsEnterpriseInKilowatts() throws IOException {
    List<Reading> readings = readings("QN=20260301100000000;ST=44;CN=2061;PW=123456;MN=88888880000001;Flag=8;"
        + "CP=&&DataTime=20260301090000;e30101-Avg=0.4,e30101-Cou=0.4,e30101-Flag=N;e30201-Avg=85.5,e30201-Flag=N&&");

    assertThat(readings).extracting(Reading::getMeter, Reading::getEnterprise, Reading::getMedium, Reading::getKind,
        Reading::getReading, Reading::getUnit, Reading::getValue, Reading::getPeriod).containsExactly(
            tuple("E001-WW1", "E001", "e30101", "Avg", "power", "kW", 0.4, "hour"),
            tuple("E001-WW1", "E001", "e30101", "Cou", "energy", "kWh", 0.4, "hour"),
            tuple("E001-WW1", "E001", "e30201", "Avg", "power", "kW", 85.5, "hour"));
    assertThat(readings.get(0).getTs()).isEqualTo(Instant.parse("2026-03-01T01:00:00Z"));
  }

  @Test
  void operatingConditionsAreKeptAsTheyCome() throws IOException {
    List<Reading> readings = readings("QN=20260301100000000;ST=45;CN=2061;PW=123456;MN=88888880000001;Flag=8;"
        + "CP=&&DataTime=20260301090000;e30101-Avg=1,e30101-Flag=N&&");

    assertThat(readings).extracting(Reading::getReading, Reading::getUnit, Reading::getValue)
        .containsExactly(tuple("condition", "", 1.0));
  }

  @Test
  void aClockHoursAheadIsRefusedAndAClockYearsBehindIsKeptAtTheTimeItNames() throws IOException {
    var ahead = ingest.ingest(Hj212Frames.encode("QN=20260301150000000;ST=32;CN=2011;PW=123456;MN=88888880000001;"
        + "Flag=4;CP=&&DataTime=20260301150000;w01018-Rtd=20.0,w01018-Flag=N&&"), "tcp:test", ARRIVAL).records();
    assertThat(ahead).singleElement().satisfies(record -> assertThat(record.topic()).isEqualTo(io.parkloop.schemas.Topics.DEAD_LETTERS));
    assertThat(metrics.deadLettersByReason()).containsEntry(Rejection.FUTURE_TIMESTAMP, 1L);

    // the clock went back to 2000 after a power cut: the job will find it beyond its maximum age, a late reading
    assertThat(readings("QN=20000101080000000;ST=32;CN=2011;PW=123456;MN=88888880000001;Flag=4;"
        + "CP=&&DataTime=20000101080000;w01018-Rtd=20.0,w01018-Flag=N&&"))
        .extracting(Reading::getTs).containsExactly(Instant.parse("2000-01-01T00:00:00Z"));
  }
}
