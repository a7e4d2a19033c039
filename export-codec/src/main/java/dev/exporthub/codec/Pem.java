package dev.exporthub.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * PEM text (RFC 7468) of one DER object, read strictly: what {@code openssl} writes, and nothing
 * else. A key file is trusted input for signing, so anything unusual is refused with a reason
 * rather than guessed at; no reason quotes the file's content, which is key material.
 *
 * <p>The form read: a {@code -----BEGIN LABEL-----} line, base64 lines of 64 characters (the last
 * may be shorter) in canonical padded base64, the matching {@code -----END LABEL-----} line, and at
 * most one line end after it; lines end with LF or CRLF; nothing before, between or after. Written:
 * the same, LF line ends.
 *
 * <p>Internal to Export Hub.
 */
public final class Pem {

  /** A PEM file larger than this holds no Ed25519 key. */
  public static final int MAX_BYTES = 8 << 10;

  private static final int LINE = 64;

  private Pem() {
  }

  /** The PEM text of {@code der} under {@code label}, e.g. {@code PUBLIC KEY}, with {@code \n} line ends. */
  public static String encode(String label, byte[] der) {
    String base64 = Base64.getEncoder().encodeToString(der);
    StringBuilder pem = new StringBuilder(base64.length() + 80).append("-----BEGIN ").append(label).append("-----\n");
    for (int i = 0; i < base64.length(); i += LINE) {
      pem.append(base64, i, Math.min(base64.length(), i + LINE)).append('\n');
    }
    return pem.append("-----END ").append(label).append("-----\n").toString();
  }

  /**
   * The DER bytes of PEM text that must carry {@code label}.
   *
   * @throws IllegalArgumentException saying what is wrong (never quoting the content)
   */
  public static byte[] decode(byte[] text, String label) {
    if (text.length > MAX_BYTES) {
      throw new IllegalArgumentException("it is " + text.length + " bytes, too large for a PEM key (at most "
          + MAX_BYTES + ")");
    }
    for (byte b : text) {
      if (b < 0 || b == 0x7F || b < 0x20 && b != '\n' && b != '\r') {
        throw new IllegalArgumentException("it is not PEM text: it holds bytes other than printable ASCII");
      }
    }
    List<String> lines = lines(new String(text, StandardCharsets.US_ASCII));
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("it is empty");
    }
    String begin = lines.get(0);
    if (!begin.startsWith("-----BEGIN ") || !begin.endsWith("-----") || begin.length() < 16) {
      throw new IllegalArgumentException("it is not PEM: its first line is not '-----BEGIN " + label + "-----'");
    }
    String found = begin.substring(11, begin.length() - 5);
    if (!found.equals(label)) {
      throw new IllegalArgumentException(found.equals("ENCRYPTED " + label)
          ? "it is an encrypted " + label.toLowerCase(java.util.Locale.ROOT) + ", which Export Hub does not read;"
              + " write an unencrypted copy (openssl pkey -in FILE -out PLAIN) and keep that one safe"
          : "it holds a '" + printable(found) + "', not a '" + label + "'");
    }
    String end = "-----END " + label + "-----";
    int last = lines.size() - 1;
    if (!lines.get(last).equals(end)) {
      throw new IllegalArgumentException(lines.contains(end) ? "it has text after its '" + end + "' line"
          : "it has no '" + end + "' line");
    }
    StringBuilder base64 = new StringBuilder();
    for (int i = 1; i < last; i++) {
      String line = lines.get(i);
      if (line.indexOf(':') >= 0) {
        throw new IllegalArgumentException("line " + (i + 1) + " is a PEM header (e.g. Proc-Type of an encrypted"
            + " key), which Export Hub does not read");
      }
      if (line.isEmpty() || line.length() > LINE || i < last - 1 && line.length() != LINE) {
        throw new IllegalArgumentException("line " + (i + 1) + " is not a base64 line of " + LINE
            + " characters (only the last may be shorter)");
      }
      base64.append(line);
    }
    if (base64.length() == 0) {
      throw new IllegalArgumentException("it holds no base64 between its BEGIN and END lines");
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64.toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("its body is not base64", e);
    }
    if (!Base64.getEncoder().encodeToString(der).contentEquals(base64)) {
      throw new IllegalArgumentException("its body is not canonical base64 (padding or trailing bits)");
    }
    return der;
  }

  /** The lines of the text: LF or CRLF ends, at most one after the last line. */
  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int lf = text.indexOf('\n', start);
      int stop = lf < 0 ? text.length() : lf;
      String line = text.substring(start, stop);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("it has a carriage return that does not end a line");
      }
      lines.add(line);
      start = lf < 0 ? text.length() : lf + 1;
    }
    return lines;
  }

  /** A label, cut short and kept to letters, digits and spaces: it is shown to people. */
  private static String printable(String label) {
    String kept = label.replaceAll("[^A-Za-z0-9 ]", "?");
    return kept.length() > 40 ? kept.substring(0, 40) + "..." : kept;
  }
}
