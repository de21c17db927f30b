package io.parkloop.ingest.hj212;

import static io.parkloop.ingest.hj212.Hj212TestFrames.frame;
import static io.parkloop.ingest.hj212.Hj212TestFrames.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class Hj212RepliesTest {
  final Hj212Decoder decoder = new Hj212Decoder();

  Optional<String> replyTo(String dataSegment) {
    Hj212Packet packet = (Hj212Packet) decoder.decode(frame(dataSegment));
    return Hj212Replies.replyTo(packet).map(Hj212TestFrames::text);
  }

  @Test
  void acknowledgesDataWith9014() {
    Optional<String> reply = replyTo("QN=20160801085857223;ST=22;CN=2011;PW=100000;"
        + "MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20160801085857;w01018-Rtd=1&&");

    // length and CRC worked out independently of Hj212Frames
    assertThat(reply).contains("##0087QN=20160801085857223;ST=91;CN=9014;PW=100000;"
        + "MN=010000A8900016F000169DC0;Flag=4;CP=&&&&71C0\r\n");
  }

  @Test
  void answersARequestWith9011InItsOwnVersionTakingAQnFromTheCpField() {
    Optional<String> reply = replyTo("ST=91;CN=1013;PW=123456;MN=LD130124000394;Flag=1;"
        + "CP=&&QN=20160824052858000&&");

    assertThat(reply).contains("##0084QN=20160824052858000;ST=91;CN=9011;PW=123456;"
        + "MN=LD130124000394;Flag=0;CP=&&QnRtn=1&&2200\r\n");
  }

  @Test
  void answersA2025DeviceWithItsVersionBits() {
    String reply = replyTo("QN=20260101080000000;ST=32;CN=2061;PW=123456;MN=88888880000001;"
        + "Flag=9;CP=&&DataTime=20260101070000;w01018-Avg=12.5&&").orElseThrow();

    Hj212Packet decoded = (Hj212Packet) decoder.decode(Hj212TestFrames.bytes(reply));
    assertThat(decoded.cn()).isEqualTo("9014");
    assertThat(decoded.flag()).isEqualTo(8);
    assertThat(decoded.qn()).isEqualTo("20260101080000000");
    assertThat(decoded.replyRequested()).isFalse();
  }

  @Test
  void omitsTheQnWhenThePacketHasNone() {
    String reply = replyTo("ST=32;CN=2072;PW=123456;MN=ZG1;Flag=1;"
        + "CP=&&AlarmTime=20160824051058;B01-Ala=16.00,AlarmType=1&&").orElseThrow();

    assertThat(reply).startsWith("##0045ST=91;CN=9014;PW=123456;MN=ZG1;Flag=0;CP=&&&&");
    assertThat(decoder.decode(Hj212TestFrames.bytes(reply))).isInstanceOf(Hj212Packet.class);
  }

  @Test
  void omitsThePwWhenThePacketHasNone() {
    assertThat(replyTo("QN=1;ST=32;CN=8013;MN=ZG1;Flag=1;CP=&&&&").orElseThrow())
        .startsWith("##0040QN=1;ST=91;CN=9014;MN=ZG1;Flag=0;CP=&&&&");
  }

  @Test
  void staysSilentWhenNoReplyIsAskedFor() {
    assertThat(replyTo("QN=1;ST=32;CN=2011;PW=1;MN=M;Flag=4;CP=&&DataTime=20160801085857&&"))
        .isEmpty();
    assertThat(replyTo("ST=32;CN=2011;PW=1;MN=M;CP=&&DataTime=20160801085857&&")).isEmpty();
  }

  @Test
  void neverAnswersAResponse() {
    assertThat(replyTo("ST=91;CN=9011;PW=123456;MN=LD130182000140;Flag=1;"
        + "CP=&&QN=20160824145656279;QnRtn=1&&")).isEmpty();
  }

  @Test
  void framesEndWithCrlf() {
    assertThat(text(Hj212Frames.encode("ST=91;CN=9014;PW=1;MN=M;Flag=4;CP=&&&&"))).endsWith("\r\n");
  }
}
