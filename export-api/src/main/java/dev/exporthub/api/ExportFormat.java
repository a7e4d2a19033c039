package dev.exporthub.api;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An export format id. Formats are open, because {@link dev.exporthub.api.spi.FormatWriter}s are
 * plugins; the six built-in ones have constants here.
 *
 * @param id lower-case letters, digits and hyphens, starting with a letter or digit
 */
public record ExportFormat(String id) implements Comparable<ExportFormat> {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  public static final ExportFormat JSON = new ExportFormat("json");
  public static final ExportFormat CSV = new ExportFormat("csv");
  public static final ExportFormat HTML = new ExportFormat("html");
  public static final ExportFormat MARKDOWN = new ExportFormat("markdown");
  public static final ExportFormat ZIP = new ExportFormat("zip");
  public static final ExportFormat AUDITOR_PACKAGE = new ExportFormat("auditor-package");

  /** The six built-in formats, in the order of {@code docs/SPECIFICATION.md} §5.1. */
  public static final List<ExportFormat> BUILT_IN = List.of(JSON, CSV, HTML, MARKDOWN, ZIP, AUDITOR_PACKAGE);

  /** @throws InvalidRequestException when the id is not of the documented shape */
  public ExportFormat {
    if (id == null || !ID.matcher(id).matches()) {
      throw new InvalidRequestException("Invalid export format id '" + id
          + "': use lower-case letters, digits and hyphens, e.g. json or auditor-package");
    }
  }

  /** The format with this id, trimmed and lower-cased ({@link Locale#ROOT}). */
  public static ExportFormat of(String id) {
    return new ExportFormat(id == null ? null : id.strip().toLowerCase(Locale.ROOT));
  }

  @Override
  public int compareTo(ExportFormat other) {
    return id.compareTo(other.id);
  }

  @Override
  public String toString() {
    return id;
  }
}
