package dev.exporthub.api;

import java.util.Objects;

/**
 * The outcome of an export: {@link Completed} or {@link Denied}. A denial is a normal outcome, not
 * an exception; call {@link #orThrow()} to turn it into one.
 */
public sealed interface ExportResult {

  /** The policy decision that allowed or denied the export. */
  PolicyDecision decision();

  /** This result as {@link Completed}, or an {@link ExportDeniedException} for a denial. */
  Completed orThrow();

  /**
   * The export was allowed and its artifact written.
   *
   * @param decision  the decision that allowed it
   * @param bundle    the bundle that was rendered
   * @param filename  the conventional file name, e.g. {@code EXP-0123456789abcdef.json}
   * @param mimeType  e.g. {@code application/json}
   * @param sizeBytes the exact number of bytes written
   * @param sha256    the lower-case hex SHA-256 of exactly those bytes
   * @param content   the bytes, for an in-memory export; empty when they were streamed to the
   *                  caller's {@code OutputStream}
   * @param signature the artifact's signature when the hub has a signer, else {@code null}: inside
   *                  the archive for the ZIP bundle and the auditor package, otherwise detached (write
   *                  its {@link ArtifactSignature#fileText()} beside the artifact as
   *                  {@code filename + ".sig"})
   */
  record Completed(PolicyDecision decision, ExportBundle bundle, String filename, String mimeType,
      long sizeBytes, String sha256, byte[] content, ArtifactSignature signature) implements ExportResult {

    public Completed {
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(bundle, "bundle");
      Objects.requireNonNull(filename, "filename");
      Objects.requireNonNull(mimeType, "mimeType");
      Objects.requireNonNull(sha256, "sha256");
      content = content == null ? new byte[0] : content.clone();
    }

    /** An unsigned result. */
    public Completed(PolicyDecision decision, ExportBundle bundle, String filename, String mimeType,
        long sizeBytes, String sha256, byte[] content) {
      this(decision, bundle, filename, mimeType, sizeBytes, sha256, content, null);
    }

    /** A copy of the bytes of an in-memory export; empty when the export was streamed. */
    @Override
    public byte[] content() {
      return content.clone();
    }

    @Override
    public Completed orThrow() {
      return this;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Completed that && decision.equals(that.decision) && bundle.equals(that.bundle)
          && filename.equals(that.filename) && mimeType.equals(that.mimeType) && sizeBytes == that.sizeBytes
          && sha256.equals(that.sha256) && java.util.Arrays.equals(content, that.content)
          && Objects.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
      return Objects.hash(bundle.bundleId(), filename, sha256);
    }

    @Override
    public String toString() {
      return "Completed[" + filename + ", " + mimeType + ", " + sizeBytes + " bytes, sha256=" + sha256 + "]";
    }
  }

  /**
   * The export was denied by policy. No data was read and no byte was written.
   *
   * @param decision the decision with every violation
   */
  record Denied(PolicyDecision decision) implements ExportResult {

    public Denied {
      Objects.requireNonNull(decision, "decision");
      if (decision.allowed()) {
        throw new IllegalArgumentException("A denial needs a decision that is not allowed");
      }
    }

    @Override
    public Completed orThrow() {
      throw new ExportDeniedException(decision);
    }
  }
}
