package dev.exporthub.api.spi;

import dev.exporthub.api.ExportFormat;
import java.util.Objects;

/**
 * What a format writer declares about its output.
 *
 * @param format     the format id it writes
 * @param mimeType   e.g. {@code application/json}
 * @param fileSuffix appended to the bundle id to name the file, e.g. {@code .json} or
 *                   {@code -auditor-package.zip}
 * @param multiFile  whether the artifact is a multi-file bundle (policy rule 6 applies)
 */
public record FormatDescriptor(ExportFormat format, String mimeType, String fileSuffix, boolean multiFile) {

  public FormatDescriptor {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(fileSuffix, "fileSuffix");
    if (mimeType.isBlank() || fileSuffix.isBlank()) {
      throw new IllegalArgumentException("A format needs a MIME type and a file suffix: " + format);
    }
  }

  /** The conventional file name of a bundle in this format. */
  public String fileName(String bundleId) {
    return bundleId + fileSuffix;
  }
}
