package dev.exporthub.formats;

import dev.exporthub.api.ExportScope;
import dev.exporthub.api.TimeRange;

/** How the human-readable formats put a bundle's scope and time range into words. */
final class Facts {

  private Facts() {
  }

  /** The scope in words ({@link ExportScope#label()}). */
  static String scope(ExportScope scope) {
    return scope.label();
  }

  /** A time range as {@code from to to}, ISO-8601 UTC; {@code to} is exclusive. */
  static String range(TimeRange range) {
    return DataValues.instant(range.from()) + " to " + DataValues.instant(range.to()) + " (exclusive)";
  }
}
