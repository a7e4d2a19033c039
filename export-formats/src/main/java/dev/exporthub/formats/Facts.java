package dev.exporthub.formats;

import dev.exporthub.api.Caller;
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

  /**
   * Who asked, in words: {@code ana (role auditor, tenant t-1, federation fed-a, permissions a, b)};
   * absent parts are left out.
   */
  static String caller(Caller caller) {
    StringBuilder s = new StringBuilder(caller.userId()).append(" (");
    if (caller.role() != null) {
      s.append("role ").append(caller.role()).append(", ");
    }
    s.append("tenant ").append(caller.tenantId());
    if (caller.federationId() != null) {
      s.append(", federation ").append(caller.federationId());
    }
    s.append(caller.permissions().isEmpty() ? ", no permissions" : ", permissions "
        + String.join(", ", caller.permissions()));
    return s.append(')').toString();
  }

  /** A time range as {@code from to to}, ISO-8601 UTC; {@code to} is exclusive. */
  static String range(TimeRange range) {
    return DataValues.instant(range.from()) + " to " + DataValues.instant(range.to()) + " (exclusive)";
  }
}
