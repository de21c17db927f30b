package io.parkloop.ingest.hj212;

import static io.parkloop.ingest.hj212.Hj212TestFrames.bytes;
import static io.parkloop.ingest.hj212.Hj212TestFrames.frame;
import static io.parkloop.ingest.hj212.Hj212TestFrames.frameWithCrc;
import static io.parkloop.ingest.hj212.Hj212TestFrames.frameWithLength;
import static io.parkloop.ingest.hj212.Hj212TestFrames.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class Hj212DecoderTest {
  final Hj212Decoder decoder = new Hj212Decoder();

  Hj212Packet decodePacket(String dataSegment) {
    Hj212Result result = decoder.decode(frame(dataSegment));
    assertThat(result).isInstanceOf(Hj212Packet.class);
    return (Hj212Packet) result;
  }

  String rejection(byte[] frame) {
    return reason(decoder.decode(frame));
  }

  @Nested
  class Hjt2122005 {
    @Test
    void readsAWastewaterPacketWithoutQnOrFlagAndMapsTheOldCodes() {
      Hj212Packet packet = decodePacket("ST=32;CN=2011;PW=123456;MN=LD130104000268;"
          + "CP=&&DataTime=20160824045500;B01-Rtd=4.69,B01-Flag=N;011-Rtd=70.00,011-Flag=D&&");

      assertThat(packet.qn()).isNull();
      assertThat(packet.flag()).isNull();
      assertThat(packet.version()).isEqualTo(Hj212Version.HJT212_2005);
      assertThat(packet.replyRequested()).isFalse();
      assertThat(packet.st()).isEqualTo("32");
      assertThat(packet.pw()).isEqualTo("123456");
      assertThat(packet.mn()).isEqualTo("LD130104000268");
      assertThat(packet.isData()).isTrue();
      assertThat(packet.period()).isEqualTo(Hj212Period.REALTIME);
      assertThat(packet.dataTime()).isEqualTo(Instant.parse("2016-08-23T20:55:00Z"));
      assertThat(packet.values()).containsExactly(
          new Hj212Value("w00000", "B01", "Rtd", 4.69, "N"),
          new Hj212Value("w01018", "011", "Rtd", 70.00, "D"));
    }

    @Test
    void mapsFlueGasCodesAndPairsCorrectedValuesWithTheirFlags() {
      Hj212Packet packet = decodePacket("ST=31;CN=2011;PW=123456;MN=ZG130182201325;"
          + "CP=&&DataTime=20160824050243000;S01-Rtd=10.2,S01-Flag=N;01-Rtd=3.56,01-Flag=N;"
          + "01-ZsRtd=4.93,01-Flag=T;02-ZsRtd=18.05,02-ZsFlag=N,02-Flag=D;B02-Rtd=38.57;"
          + "S08-Rtd=-0.001221,S08-Flag=N&&");

      assertThat(packet.values()).containsExactly(
          new Hj212Value("a19001", "S01", "Rtd", 10.2, "N"),
          new Hj212Value("a34013", "01", "Rtd", 3.56, "N"),
          new Hj212Value("a34013", "01", "ZsRtd", 4.93, "T"),
          new Hj212Value("a21026", "02", "ZsRtd", 18.05, "N"),
          new Hj212Value("a00000", "B02", "Rtd", 38.57, null),
          new Hj212Value("a01013", "S08", "Rtd", -0.001221, "N"));
    }

    @Test
    void readsMillisecondsOfASeventeenDigitDataTime() {
      Hj212Packet packet = decodePacket("ST=32;CN=2061;PW=123456;MN=LD130103000186;"
          + "CP=&&DataTime=20160824050000123;B01-Cou=2781.15,B01-Avg=772.54&&");

      assertThat(packet.period()).isEqualTo(Hj212Period.HOUR);
      assertThat(packet.dataTime()).isEqualTo(Instant.parse("2016-08-23T21:00:00.123Z"));
      assertThat(packet.values()).extracting(Hj212Value::kind).containsExactly("Cou", "Avg");
    }

    @Test
    void passesAWrongAnalyserClockOnAsSent() {
      Hj212Packet packet = decodePacket("ST=31;CN=2051;PW=123456;MN=LD130131000211;"
          + "CP=&&DataTime=20000202050000000;B02-Cou=198231.17&&");

      assertThat(packet.dataTime()).isEqualTo(Instant.parse("2000-02-01T21:00:00Z"));
    }

    @Test
    void keepsQnFromTheCpFieldAsAParameter() {
      Hj212Packet packet = decodePacket("ST=91;CN=1013;PW=123456;MN=LD130124000394;Flag=1;"
          + "CP=&&QN=20160824052858000&&");

      assertThat(packet.qn()).isNull();
      assertThat(packet.parameters()).containsEntry("QN", "20160824052858000");
      assertThat(packet.replyRequested()).isTrue();
      assertThat(packet.isData()).isFalse();
    }
  }

  @Nested
  class Lenience {
    @Test
    void toleratesUnknownKeysTrailingSeparatorsAndEmptyItems() {
      Hj212Packet packet = decodePacket("QN=20160801085857223;ST=32;CN=2011;PW=123456;"
          + "MN=LD1;Flag=4;PNUM=1;PNO=1;Vendor=acme;CP=&&DataTime=20160801085857;Extra=1;;"
          + "w01018-Rtd=50.1,w01018-Flag=N,,w01018-EFlag=A01;&&");

      assertThat(packet.values())
          .containsExactly(new Hj212Value("w01018", "w01018", "Rtd", 50.1, "N"));
      assertThat(packet.parameters()).containsEntry("Extra", "1");
    }

    @Test
    void skipsOnlyTheFieldThatIsNotANumber() {
      Hj212Packet packet = decodePacket("ST=32;CN=2011;PW=1;MN=LD1;CP=&&DataTime=20160824045500;"
          + "011-Rtd=--,011-Flag=N;060-Rtd=NaN;B01-Rtd=1e999;001-Rtd=7.2&&");

      assertThat(packet.values())
          .containsExactly(new Hj212Value("w01001", "001", "Rtd", 7.2, null));
    }

    @Test
    void treatsAnEmptyFlagOrQnAsAbsent() {
      Hj212Packet packet = decodePacket("QN=;ST=32;CN=8013;PW=1;MN=LD1;Flag=;CP=&&&&");

      assertThat(packet.qn()).isNull();
      assertThat(packet.flag()).isNull();
      assertThat(packet.version()).isEqualTo(Hj212Version.HJT212_2005);
    }

    @Test
    void toleratesABlankStAndAMissingPw() {
      Hj212Packet packet = decodePacket("ST=  ;CN=2051;MN=LD130101000229;"
          + "CP=&&DataTime=20160824050000000;S01-Avg=21.0&&");

      assertThat(packet.st()).isNull();
      assertThat(packet.pw()).isNull();
      assertThat(packet.values())
          .containsExactly(new Hj212Value("a19001", "S01", "Avg", 21.0, null));
    }

    @Test
    void acceptsAFrameWithoutItsCrlf() {
      byte[] frame = frame("ST=32;CN=8013;PW=1;MN=LD1;Flag=0;CP=&&HeartbeatTime=120&&");

      assertThat(decoder.decode(Arrays.copyOf(frame, frame.length - 2)))
          .isInstanceOf(Hj212Packet.class);
    }
  }

  @Nested
  class Hj2122017 {
    @Test
    void readsVersionAndReplyBitFromFlag() {
      Hj212Packet packet = decodePacket("QN=20160801085857223;ST=32;CN=2051;PW=100000;"
          + "MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20160801085800;"
          + "w01018-Avg=20.5,w01018-ZsAvg=21.0,w01018-Flag=N;w00000-Cou=12.5,w00000-Flag=M&&");

      assertThat(packet.qn()).isEqualTo("20160801085857223");
      assertThat(packet.flag()).isEqualTo(5);
      assertThat(packet.version()).isEqualTo(Hj212Version.HJ212_2017);
      assertThat(packet.replyRequested()).isTrue();
      assertThat(packet.period()).isEqualTo(Hj212Period.MINUTE);
      assertThat(packet.values()).containsExactly(
          new Hj212Value("w01018", "w01018", "Avg", 20.5, "N"),
          new Hj212Value("w01018", "w01018", "ZsAvg", 21.0, "N"),
          new Hj212Value("w00000", "w00000", "Cou", 12.5, "M"));
    }

    @Test
    void readsDayDataAndTellsCommandsFromData() {
      assertThat(decodePacket("ST=32;CN=2031;PW=1;MN=LD1;Flag=4;"
          + "CP=&&DataTime=20160801000000;w21003-Avg=1.2&&").period()).isEqualTo(Hj212Period.DAY);
      Hj212Packet status = decodePacket("ST=32;CN=2021;PW=1;MN=LD1;Flag=4;"
          + "CP=&&DataTime=20160801000000;SB1-RS=1&&");
      assertThat(status.isData()).isFalse();
      assertThat(status.period()).isNull();
      Hj212Packet parameter = decodePacket(Hj212CrcTest.STANDARD_EXAMPLE);
      assertThat(parameter.isData()).isFalse();
      assertThat(parameter.dataTime()).isNull();
      assertThat(parameter.parameters()).containsEntry("RtdInterval", "30");
    }
  }

  @Nested
  class Hj2122025 {
    static final String WITH_CHINESE = "QN=20260101080000000;ST=32;CN=3020;PW=123456;"
        + "MN=88888880000001;Flag=9;CP=&&DataTime=20260101080000;Info=设备正常运行&&";

    @Test
    void countsTheLengthInUtf8Bytes() {
      int utf8Bytes = WITH_CHINESE.getBytes(StandardCharsets.UTF_8).length;
      assertThat(utf8Bytes).isGreaterThan(WITH_CHINESE.length());

      Hj212Packet packet = (Hj212Packet) decoder.decode(
          frameWithLength(WITH_CHINESE, String.format("%04d", utf8Bytes)));

      assertThat(packet.version()).isEqualTo(Hj212Version.HJ212_2025);
      assertThat(packet.replyRequested()).isTrue();
      assertThat(packet.parameters()).containsEntry("Info", "设备正常运行");
      assertThat(packet.dataTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void keepsTheNotComputedSentinelAsAFlaggedValue() {
      Hj212Packet packet = decodePacket("QN=20260101090000000;ST=32;CN=2061;PW=123456;MN=88888880000001;Flag=8;"
          + "CP=&&DataTime=20260101080000;w01018-Avg=+9999.99,w01018-Flag=N;w00000-Cou=120.5,w00000-Flag=N&&");

      assertThat(packet.values()).extracting(Hj212Value::factor, Hj212Value::value, Hj212Value::flag)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("w01018", 9999.99, Hj212Value.NOT_COMPUTED_FLAG),
              org.assertj.core.groups.Tuple.tuple("w00000", 120.5, "N"));
    }

    @Test
    void leavesTheSameNumberAloneInA2017Packet() {
      Hj212Packet packet = decodePacket("QN=20260101090000000;ST=32;CN=2061;PW=123456;MN=88888880000001;Flag=4;"
          + "CP=&&DataTime=20260101080000;w01018-Avg=9999.99,w01018-Flag=N&&");

      assertThat(packet.values()).extracting(Hj212Value::flag).containsExactly("N");
    }

    @Test
    void rejectsALengthCountedInCharacters() {
      byte[] frame = frameWithLength(WITH_CHINESE, String.format("%04d", WITH_CHINESE.length()));

      assertThat(rejection(frame)).isEqualTo(Hj212Rejected.BAD_LENGTH);
    }
  }

  @Nested
  class Strictness {
    static final String HEARTBEAT =
        "ST=32;CN=8013;PW=123456;MN=ZG1;Flag=0;CP=&&HeartbeatTime=120&&";

    @Test
    void rejectsAWrongCrc() {
      Hj212Result result = decoder.decode(frameWithCrc(HEARTBEAT, "0000"));

      assertThat(result).isInstanceOf(Hj212Rejected.class);
      Hj212Rejected rejected = (Hj212Rejected) result;
      assertThat(rejected.reason()).isEqualTo(Hj212Rejected.BAD_CRC);
      assertThat(rejected.detail()).contains("0000");
    }

    @Test
    void rejectsACrcFieldThatIsNotHex() {
      assertThat(rejection(frameWithCrc(HEARTBEAT, "ZZZZ"))).isEqualTo(Hj212Rejected.BAD_CRC);
    }

    @Test
    void rejectsALengthThatDoesNotMatch() {
      int length = HEARTBEAT.length();

      assertThat(rejection(frameWithLength(HEARTBEAT, String.format("%04d", length + 1))))
          .isEqualTo(Hj212Rejected.BAD_LENGTH);
      assertThat(rejection(frameWithLength(HEARTBEAT, String.format("%04d", length - 1))))
          .isEqualTo(Hj212Rejected.BAD_LENGTH);
    }

    @Test
    void rejectsALengthFieldThatIsNotDigits() {
      assertThat(rejection(frameWithLength(HEARTBEAT, "00a6"))).isEqualTo(Hj212Rejected.BAD_LENGTH);
    }

    @Test
    void reportsAPacketThatLostBytesAsBadLength() {
      byte[] whole = frame(HEARTBEAT);
      byte[] damaged = new byte[whole.length - 3];
      System.arraycopy(whole, 0, damaged, 0, 20);
      System.arraycopy(whole, 23, damaged, 20, whole.length - 23);

      assertThat(rejection(damaged)).isEqualTo(Hj212Rejected.BAD_LENGTH);
    }

    @Test
    void rejectsWhatIsNotAPacket() {
      assertThat(rejection(bytes("hello\r\n"))).isEqualTo(Hj212Rejected.MALFORMED_PACKET);
      assertThat(rejection(bytes("##00"))).isEqualTo(Hj212Rejected.MALFORMED_PACKET);
      assertThat(rejection(new byte[0])).isEqualTo(Hj212Rejected.MALFORMED_PACKET);
    }

    @Test
    void rejectsIntactPacketsThatCannotBeRead() {
      Map<String, String> cases = Map.of(
          "no CP", "ST=32;CN=8013;PW=1;MN=ZG1;Flag=0",
          "CP not closed", "ST=32;CN=8013;PW=1;MN=ZG1;Flag=0;CP=&&HeartbeatTime=120",
          "no MN", "ST=32;CN=8013;PW=1;Flag=0;CP=&&&&",
          "no CN", "ST=32;PW=1;MN=ZG1;CP=&&&&",
          "Flag not a number", "ST=32;CN=8013;PW=1;MN=ZG1;Flag=x;CP=&&&&",
          "unknown version", "ST=32;CN=8013;PW=1;MN=ZG1;Flag=12;CP=&&&&",
          "DataTime not a time", "ST=32;CN=2011;PW=1;MN=ZG1;CP=&&DataTime=20161332000000&&",
          "DataTime of 12 digits", "ST=32;CN=2011;PW=1;MN=ZG1;CP=&&DataTime=201608240455&&",
          "data without DataTime", "ST=32;CN=2011;PW=1;MN=ZG1;CP=&&011-Rtd=1&&");
      cases.forEach((name, data) ->
          assertThat(rejection(frame(data))).as(name).isEqualTo(Hj212Rejected.MALFORMED_PACKET));
    }
  }

  @Test
  void refusesAnSm4KeyOfTheWrongSize() {
    assertThatThrownBy(() -> new Hj212Decoder(Map.of("MN1", new byte[15])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MN1");
  }
}
