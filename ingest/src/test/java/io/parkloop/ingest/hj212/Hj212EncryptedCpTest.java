package io.parkloop.ingest.hj212;

import static io.parkloop.ingest.hj212.Hj212TestFrames.frame;
import static io.parkloop.ingest.hj212.Hj212TestFrames.reason;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/** HJ 212-2025 packets whose CP field is SM4-encrypted with the device's key. */
class Hj212EncryptedCpTest {
  static final String MN = "88888880000001";
  static final byte[] KEY = Hex.decode("0123456789abcdeffedcba9876543210");
  static final byte[] OTHER_KEY = Hex.decode("fedcba98765432100123456789abcdef");
  static final String PLAIN_CP =
      "DataTime=20260301081500;w01018-Rtd=35.2,w01018-Flag=N;w21003-Rtd=1.25,w21003-Flag=N";

  final Hj212Decoder decoder = new Hj212Decoder(Map.of(MN, KEY));

  @Test
  void decryptsTheCpFieldWithTheDevicesKey() {
    Hj212Result result = decoder.decode(packet(Flag.V2025_REPLY, encryptHex(KEY, PLAIN_CP)));

    assertThat(result).isInstanceOf(Hj212Packet.class);
    Hj212Packet packet = (Hj212Packet) result;
    assertThat(packet.version()).isEqualTo(Hj212Version.HJ212_2025);
    assertThat(packet.dataTime()).isEqualTo(Instant.parse("2026-03-01T00:15:00Z"));
    assertThat(packet.values()).containsExactly(
        new Hj212Value("w01018", "w01018", "Rtd", 35.2, "N"),
        new Hj212Value("w21003", "w21003", "Rtd", 1.25, "N"));
  }

  @Test
  void acceptsUpperCaseHexAndChineseText() {
    String cp = "DataTime=20260301081500;Info=超标报警;w01018-Rtd=60.0,w01018-Flag=N";
    String hex = encryptHex(KEY, cp).toUpperCase(Locale.ROOT);

    Hj212Packet packet = (Hj212Packet) decoder.decode(packet(Flag.V2025, hex));

    assertThat(packet.parameters()).containsEntry("Info", "超标报警");
  }

  @Test
  void readsAPlaintextCpFromADeviceThatHasAKey() {
    assertThat(decoder.decode(packet(Flag.V2025, PLAIN_CP))).isInstanceOf(Hj212Packet.class);
  }

  @Test
  void rejectsCiphertextUnderTheWrongKey() {
    Hj212Result result = decoder.decode(packet(Flag.V2025, encryptHex(OTHER_KEY, PLAIN_CP)));

    assertThat(reason(result)).isEqualTo(Hj212Rejected.DECRYPT_FAILED);
  }

  @Test
  void rejectsCiphertextFromADeviceWithoutAKey() {
    Hj212Result result = new Hj212Decoder().decode(packet(Flag.V2025, encryptHex(KEY, PLAIN_CP)));

    assertThat(result).isInstanceOf(Hj212Rejected.class);
    assertThat(((Hj212Rejected) result).reason()).isEqualTo(Hj212Rejected.DECRYPT_FAILED);
    assertThat(((Hj212Rejected) result).detail()).contains(MN);
  }

  @Test
  void rejectsACpThatIsNeitherPlaintextNorWholeBlocks() {
    String cut = encryptHex(KEY, PLAIN_CP).substring(2);
    String fullWidth = "０".repeat(32);

    assertThat(reason(decoder.decode(packet(Flag.V2025, cut))))
        .isEqualTo(Hj212Rejected.DECRYPT_FAILED);
    assertThat(reason(decoder.decode(packet(Flag.V2025, "not hex at all!!"))))
        .isEqualTo(Hj212Rejected.DECRYPT_FAILED);
    assertThat(reason(decoder.decode(packet(Flag.V2025, fullWidth))))
        .isEqualTo(Hj212Rejected.DECRYPT_FAILED);
  }

  @Test
  void neverDecryptsOlderVersions() {
    Hj212Result result = decoder.decode(packet(Flag.V2017, encryptHex(KEY, PLAIN_CP)));

    // read as plaintext, the hex has no DataTime for the data packet
    assertThat(reason(result)).isEqualTo(Hj212Rejected.MALFORMED_PACKET);
  }

  enum Flag {
    V2017(4), V2025(8), V2025_REPLY(9);

    final int value;

    Flag(int value) {
      this.value = value;
    }
  }

  static byte[] packet(Flag flag, String cp) {
    return frame("QN=20260301081500000;ST=32;CN=2011;PW=123456;MN=" + MN + ";Flag=" + flag.value
        + ";CP=&&" + cp + "&&");
  }

  /** What an analyser does: SM4-ECB with PKCS#7 padding over the UTF-8 CP, hex-encoded. */
  static String encryptHex(byte[] key, String cp) {
    PaddedBufferedBlockCipher cipher =
        new PaddedBufferedBlockCipher(new SM4Engine(), new PKCS7Padding());
    cipher.init(true, new KeyParameter(key));
    byte[] plain = cp.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[cipher.getOutputSize(plain.length)];
    int length = cipher.processBytes(plain, 0, plain.length, out, 0);
    try {
      length += cipher.doFinal(out, length);
    } catch (InvalidCipherTextException e) {
      throw new AssertionError(e);
    }
    return Hex.toHexString(Arrays.copyOf(out, length));
  }
}
