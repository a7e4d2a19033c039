package dev.exporthub.core.log;

/**
 * A proof of the log that does not hold ({@code docs/SPECIFICATION.md} §7.5): an
 * {@link InclusionReceipt} or a {@link ConsistencyProof} that does not verify with the public key, or
 * a log that cannot give one against a checkpoint because it does not hash to the checkpoint's root.
 * The message names what failed. A document that is not a receipt or a proof at all is an
 * {@link IllegalArgumentException} of {@code parse}, not this.
 */
public final class InvalidProofException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  InvalidProofException(String message) {
    super(message);
  }
}
