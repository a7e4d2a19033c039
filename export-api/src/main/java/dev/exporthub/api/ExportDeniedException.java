package dev.exporthub.api;

import java.util.Objects;

/**
 * Thrown only on request, by {@link ExportResult#orThrow()}: {@code export} itself reports a
 * denial as {@link ExportResult.Denied}, never as an exception.
 */
public final class ExportDeniedException extends ExportException {

  private static final long serialVersionUID = 1L;

  private final transient PolicyDecision decision;

  public ExportDeniedException(PolicyDecision decision) {
    super(Objects.requireNonNull(decision, "decision").reason(), null);
    this.decision = decision;
  }

  @Override
  public String errorCode() {
    return "DENIED";
  }

  /** The decision that denied the export, with every violation. */
  public PolicyDecision decision() {
    return decision;
  }
}
