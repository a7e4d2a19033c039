package dev.exporthub.core.bundle;

import java.time.Instant;
import java.util.Locale;

/**
 * The SLA status of an alert or task with a deadline, judged at {@code asOf = min(range.to, now)}:
 * met when closed at or before the deadline; breached when closed after it, or still open with the
 * deadline before {@code asOf}; pending when open and the deadline is at or after {@code asOf}.
 */
enum SlaStatus {
  MET, BREACHED, PENDING;

  static SlaStatus of(Instant deadline, Instant closedAt, Instant asOf) {
    if (closedAt != null) {
      return closedAt.isAfter(deadline) ? BREACHED : MET;
    }
    return deadline.isBefore(asOf) ? BREACHED : PENDING;
  }

  /** {@code met}, {@code breached} or {@code pending}. */
  String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
