package dev.exporthub.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Reading what writers wrote: ZIP archives opened, bytes searched, differences described. */
final class Outputs {

  private static final int MAX_DEPTH = 3;

  private Outputs() {
  }

  /**
   * Every readable part of an artifact: the bytes themselves, and for a ZIP archive also the name
   * and the inflated content of every entry (archives inside archives too, a few levels deep), so
   * that a search sees through compression.
   */
  static List<byte[]> parts(byte[] artifact) {
    List<byte[]> parts = new ArrayList<>();
    collect(artifact, parts, 0);
    return parts;
  }

  private static void collect(byte[] bytes, List<byte[]> parts, int depth) {
    parts.add(bytes);
    if (depth >= MAX_DEPTH || !isZip(bytes)) {
      return;
    }
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        parts.add(entry.getName().getBytes(StandardCharsets.UTF_8));
        if (entry.getComment() != null) {
          parts.add(entry.getComment().getBytes(StandardCharsets.UTF_8));
        }
        collect(zip.readAllBytes(), parts, depth + 1);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("The artifact looks like a ZIP archive but cannot be read", e);
    }
  }

  static boolean isZip(byte[] bytes) {
    return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
  }

  /** Whether {@code text}'s UTF-8 bytes occur in any part of the artifact. */
  static boolean mentions(byte[] artifact, String text) {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    for (byte[] part : parts(artifact)) {
      if (indexOf(part, needle) >= 0) {
        return true;
      }
    }
    return false;
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Where two artifacts first differ, with some text around it, for a failure message. */
  static String difference(byte[] expected, byte[] actual) {
    int n = Math.min(expected.length, actual.length);
    int at = 0;
    while (at < n && expected[at] == actual[at]) {
      at++;
    }
    return "the " + expected.length + " and " + actual.length + " bytes first differ at offset " + at
        + ":\n  expected ..." + excerpt(expected, at) + "...\n  actual   ..." + excerpt(actual, at) + "...";
  }

  private static String excerpt(byte[] bytes, int at) {
    int from = Math.max(0, at - 40);
    int to = Math.min(bytes.length, at + 40);
    return new String(bytes, from, to - from, StandardCharsets.UTF_8)
        .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
  }
}
