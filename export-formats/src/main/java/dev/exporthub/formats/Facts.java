package dev.exporthub.formats;

import dev.exporthub.api.ExportScope;
import dev.exporthub.api.TimeRange;
import java.util.ArrayList;
import java.util.List;

/** How the human-readable formats put a bundle's scope and time range into words. */
final class Facts {

  private Facts() {
  }

  /** The scope in words, e.g. {@code tenant t1, facility f2}; {@code unscoped} when empty. */
  static String scope(ExportScope scope) {
    List<String> parts = new ArrayList<>();
    if (scope.tenantId() != null) {
      parts.add("tenant " + scope.tenantId());
    }
    if (scope.facilityId() != null) {
      parts.add("facility " + scope.facilityId());
    }
    if (scope.federationId() != null) {
      parts.add("federation " + scope.federationId());
    }
    return parts.isEmpty() ? "unscoped" : String.join(", ", parts);
  }

  /** A time range as {@code from to to}, ISO-8601 UTC; {@code to} is exclusive. */
  static String range(TimeRange range) {
    return DataValues.instant(range.from()) + " to " + DataValues.instant(range.to()) + " (exclusive)";
  }
}
