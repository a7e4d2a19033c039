package dev.exporthub.formats;

import java.util.regex.Pattern;

/**
 * The rules for names inside an archive, shared by the writers (which only ever produce safe names)
 * and {@link PackageVerifier} (which refuses every other name before trusting an entry).
 */
final class EntryNames {

  /** What a bundle id must look like to become part of a file name. */
  private static final Pattern SAFE_STEM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** Longer names are refused: no package of ours comes near, and file systems cap names. */
  static final int MAX_NAME_LENGTH = 1024;

  private EntryNames() {
  }

  /**
   * A bundle id checked for use as a file name and folder name.
   *
   * @throws IllegalArgumentException when it could escape or split the archive's folder
   */
  static String safeStem(String bundleId) {
    if (!SAFE_STEM.matcher(bundleId).matches() || bundleId.contains("..")) {
      throw new IllegalArgumentException("Bundle id '" + bundleId + "' cannot name files in an archive: use letters,"
          + " digits, '.', '_' and '-' (at most 128 characters, no '..')");
    }
    return bundleId;
  }

  /**
   * Why {@code name} is unsafe to extract, or {@code null} when it is safe. A safe name is a
   * relative path of non-empty segments separated by {@code /}, with no {@code .} or {@code ..}
   * segment, no backslash, no colon (drive letters, NTFS streams), no control character and at
   * most {@value #MAX_NAME_LENGTH} characters. A trailing {@code /} (a directory entry) is allowed.
   */
  static String unsafeReason(String name) {
    if (name.isEmpty()) {
      return "empty name";
    }
    if (name.length() > MAX_NAME_LENGTH) {
      return "name longer than " + MAX_NAME_LENGTH + " characters";
    }
    if (name.startsWith("/")) {
      return "absolute path";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\') {
        return "backslash in name";
      }
      if (c == ':') {
        return name.length() > 1 && i == 1 && isAsciiLetter(name.charAt(0)) ? "drive letter" : "colon in name";
      }
      if (c < 0x20 || c >= 0x7F && c <= 0x9F) {
        return "control character U+" + String.format(java.util.Locale.ROOT, "%04X", (int) c) + " in name";
      }
    }
    String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty()) {
        return "empty path segment";
      }
      if (segment.equals("..")) {
        return "parent directory segment '..'";
      }
      if (segment.equals(".")) {
        return "current directory segment '.'";
      }
    }
    return null;
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }
}
