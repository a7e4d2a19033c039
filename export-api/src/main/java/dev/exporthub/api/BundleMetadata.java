package dev.exporthub.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A bundle's metadata, as {@code docs/SPECIFICATION.md} §4.6 defines it.
 *
 * @param generatedAt        when the bundle was assembled (volatile: from the hub's clock)
 * @param generatedBy        the request's {@code requestedBy}, or the caller's user id
 * @param format             the format the bundle is rendered to
 * @param totalSections      the number of sections
 * @param totalItems         the sum of the sections' item counts
 * @param estimatedSizeBytes {@code totalItems * 500 + totalSections * 200}, an estimate (the real
 *                           size is logged)
 * @param dataSourcesUsed    the distinct data-source labels of the sections, in section order
 * @param timeRange          the effective time range
 * @param computationTimeMs  milliseconds spent assembling (volatile)
 * @param compressed         whether the format's writer declares a multi-file bundle (the ZIP
 *                           formats)
 * @param contentDigest      SHA-256 (hex) over the canonical content, volatile fields and format excluded
 * @param schemaVersion      the bundle schema version, {@value #SCHEMA_VERSION}
 */
public record BundleMetadata(
    Instant generatedAt,
    String generatedBy,
    ExportFormat format,
    int totalSections,
    long totalItems,
    long estimatedSizeBytes,
    List<String> dataSourcesUsed,
    TimeRange timeRange,
    long computationTimeMs,
    boolean compressed,
    String contentDigest,
    int schemaVersion) {

  /** The current bundle schema version. */
  public static final int SCHEMA_VERSION = 1;

  public BundleMetadata {
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(generatedBy, "generatedBy");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(timeRange, "timeRange");
    Objects.requireNonNull(contentDigest, "contentDigest");
    dataSourcesUsed = List.copyOf(dataSourcesUsed);
  }

  /** The size estimate of {@code docs/SPECIFICATION.md} §4.6: 500 bytes an item and 200 a section. */
  public static long estimateSize(long totalItems, int totalSections) {
    return totalItems * 500 + totalSections * 200L;
  }
}
