package dev.exporthub.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PemTest {

  /** A public key as {@code openssl pkey -pubout} writes it. */
  private static final String OPENSSL_PUBLIC = "-----BEGIN PUBLIC KEY-----\n"
      + "MCowBQYDK2VwAyEAggU8E7LO/xllNnUZ1AsjYmDdg8J/jORflqydD5reHkk=\n"
      + "-----END PUBLIC KEY-----\n";

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("reads what openssl writes, and writes it back byte for byte")
  void roundTrip() {
    byte[] der = Pem.decode(bytes(OPENSSL_PUBLIC), "PUBLIC KEY");
    assertEquals(44, der.length);
    assertEquals(OPENSSL_PUBLIC, Pem.encode("PUBLIC KEY", der));
    assertArrayEquals(der, Pem.decode(bytes(OPENSSL_PUBLIC.replace("\n", "\r\n")), "PUBLIC KEY"), "CRLF line ends");
    assertArrayEquals(der, Pem.decode(bytes(OPENSSL_PUBLIC.strip()), "PUBLIC KEY"), "no final line end");
  }

  @Test
  @DisplayName("long bodies are wrapped at 64 characters and read back")
  void wrapped() {
    byte[] der = new byte[200];
    for (int i = 0; i < der.length; i++) {
      der[i] = (byte) i;
    }
    String pem = Pem.encode("PRIVATE KEY", der);
    assertTrue(pem.lines().skip(1).limit(4).allMatch(line -> line.length() <= 64));
    assertArrayEquals(der, Pem.decode(bytes(pem), "PRIVATE KEY"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "",
      "MCowBQYDK2VwAyEAggU8E7LO/xllNnUZ1AsjYmDdg8J/jORflqydD5reHkk=\n",
      "text before\n-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAggU8E7LO/xllNnUZ1AsjYmDdg8J/jORflqydD5reHkk=\n-----END PUBLIC KEY-----\n",
      "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAggU8E7LO/xllNnUZ1AsjYmDdg8J/jORflqydD5reHkk=\n-----END PUBLIC KEY-----\n\n",
      "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAggU8E7LO/xllNnUZ1AsjYmDdg8J/jORflqydD5reHkk=\n-----END PUBLIC KEY-----\ntrailer\n",
      "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAggU8E7LO/xllNnUZ1AsjYmDdg8J/jORflqydD5reHkk=\n",
      "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n",
      "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAggU8E7LO/xllNnUZ1AsjYmDdg8J/jORflqydD5reHk!=\n-----END PUBLIC KEY-----\n",
      "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAggU8E7LO/xllNnUZ1AsjYmDdg8J/jORflqydD5reHkl=\n-----END PUBLIC KEY-----\n",
      "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAggU8E7LO/xllNnUZ1AsjYmDdg8J/jORflqydD5reHkk\n-----END PUBLIC KEY-----\n",
      "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAggU8E7LO/xllNnUZ1AsjY\nmDdg8J/jORflqydD5reHkk=\n-----END PUBLIC KEY-----\n",
      "-----BEGIN PUBLIC KEY-----\nProc-Type: 4,ENCRYPTED\n\nMCowBQYDK2VwAyEAggU8E7LO/xllNnUZ1AsjYmDdg8J/jORflqydD5reHkk=\n-----END PUBLIC KEY-----\n",
      "-----BEGIN PUBLIC KEY-----\n MCowBQYDK2VwAyEAggU8E7LO/xllNnUZ1AsjYmDdg8J/jORflqydD5reHkk=\n-----END PUBLIC KEY-----\n",
      "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAggU8E7LO/xllNnUZ1AsjYmDdg8J/jORflqydD5reHkk=\n-----END PRIVATE KEY-----\n",
      "-----BEGIN PRIVATE KEY-----\nMCowBQYDK2VwAyEAggU8E7LO/xllNnUZ1AsjYmDdg8J/jORflqydD5reHkk=\n-----END PRIVATE KEY-----\n",
      "-----BEGIN PUBLIC KEY-----\rMCowBQYDK2VwAyEAggU8E7LO/xllNnUZ1AsjYmDdg8J/jORflqydD5reHkk=\r-----END PUBLIC KEY-----\r"})
  @DisplayName("anything but the strict form is refused with a reason that quotes none of the body")
  void strict(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pem.decode(bytes(text),
        "PUBLIC KEY"));
    assertFalse(e.getMessage().contains("MCow"), e.getMessage());
    assertFalse(e.getMessage().isBlank());
  }

  @Test
  @DisplayName("an encrypted key is named as such, and bytes other than printable ASCII are refused")
  void encryptedAndBinary() {
    String encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIGb\n-----END ENCRYPTED PRIVATE KEY-----\n";
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Pem.decode(bytes(encrypted), "PRIVATE KEY"))
        .getMessage().contains("encrypted"));
    byte[] binary = Base64.getDecoder().decode("MC4CAQAwBQYDK2VwBCIEIGotsqojPCjBsQ6VoxSf9OtWsh9yx1yb74/bYCCUTvjQ");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Pem.decode(binary, "PRIVATE KEY"))
        .getMessage().contains("not PEM text"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Pem.decode(new byte[Pem.MAX_BYTES + 1],
        "PRIVATE KEY")).getMessage().contains("too large"));
  }
}
