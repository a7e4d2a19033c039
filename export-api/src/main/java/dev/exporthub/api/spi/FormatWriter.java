package dev.exporthub.api.spi;

import dev.exporthub.api.ExportBundle;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Renders a bundle in one format. Register an implementation in
 * {@code META-INF/services/dev.exporthub.api.spi.FormatWriter} or on the hub's builder.
 *
 * <p>Contract: deterministic (the same bundle and context give the same bytes under any default
 * locale and time zone); streaming (pull each section's items with {@code section.items()} and
 * write them as they come); does not close {@code out}; lets every {@link IOException} of
 * {@code out} propagate. Implementations must be stateless or thread-safe: one writer serves many
 * exports at once.
 */
public interface FormatWriter {

  /** The format, MIME type and file suffix this writer produces. */
  FormatDescriptor descriptor();

  /**
   * Writes the bundle to {@code out}.
   *
   * @param bundle  what to render
   * @param context the request's options, the policy decision and the clock
   * @param out     where the bytes go; not closed by the writer
   * @throws IOException when {@code out} fails
   */
  void write(ExportBundle bundle, WriteContext context, OutputStream out) throws IOException;

  /**
   * Whether this writer places the export's signature inside its artifact. When it does and the hub
   * has a signer, the hub hands it over as {@link WriteContext#signer()}, and the writer must sign
   * through it exactly once (the ZIP bundle and the auditor package sign their manifest). Otherwise
   * the hub signs the artifact's exact bytes itself: a detached signature
   * ({@code docs/SPECIFICATION.md} §5.12). Default: {@code false}.
   */
  default boolean embedsSignature() {
    return false;
  }
}
