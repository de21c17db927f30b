package io.parkloop.ingest.hj212;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.paddings.PKCS7Padding;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.encoders.Hex;

/**
 * Decrypts an HJ 212-2025 CP field with SM4 (Bouncy Castle's engine).
 *
 * <p>Assumed wire form, as no test vector of the standard was at hand: the text between
 * {@code CP=&&} and the closing {@code &&} is the hex encoding (either case) of
 * SM4-ECB(key, PKCS#7-padded UTF-8 plaintext), the plaintext being the usual CP content such as
 * {@code DataTime=…;w01018-Rtd=…}; the key is the device's 16-byte key. Hex rather than Base64
 * because it keeps the packet within HJ 212's character set ({@code =} and {@code /} would clash
 * with the CP syntax). ECB needs no IV to agree on; should the field turn out to use CBC, only
 * this class changes.
 */
final class Hj212Sm4 {
  static final int KEY_BYTES = 16;
  private static final int BLOCK_HEX_DIGITS = 32;

  private Hj212Sm4() {}

  /**
   * True when a CP field can only be ciphertext: hex digits never contain {@code =}, while any
   * plaintext CP item does; an empty CP is plaintext.
   */
  static boolean looksEncrypted(String cp) {
    return !cp.isEmpty() && cp.indexOf('=') < 0;
  }

  static String decrypt(byte[] key, String hexCiphertext) throws GeneralSecurityException {
    if (hexCiphertext.length() % BLOCK_HEX_DIGITS != 0
        || !hexCiphertext.chars().allMatch(Hj212Sm4::isAsciiHexDigit)) {
      throw new GeneralSecurityException(
          "CP is not hex-encoded whole SM4 blocks (" + hexCiphertext.length() + " characters)");
    }
    byte[] ciphertext = Hex.decode(hexCiphertext);
    PaddedBufferedBlockCipher cipher =
        new PaddedBufferedBlockCipher(new SM4Engine(), new PKCS7Padding());
    cipher.init(false, new KeyParameter(key));
    byte[] plain = new byte[cipher.getOutputSize(ciphertext.length)];
    int length = cipher.processBytes(ciphertext, 0, ciphertext.length, plain, 0);
    try {
      length += cipher.doFinal(plain, length);
    } catch (InvalidCipherTextException e) {
      throw new GeneralSecurityException("SM4 padding check failed: wrong key or damaged CP", e);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Arrays.copyOf(plain, length)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new GeneralSecurityException("decrypted CP is not UTF-8: wrong key", e);
    }
  }

  /** Only ASCII: Character.digit would also take full-width digits, which Hex cannot decode. */
  private static boolean isAsciiHexDigit(int c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
