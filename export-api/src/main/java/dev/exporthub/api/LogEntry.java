package dev.exporthub.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the tamper-evident export log: the four entry types of
 * {@code docs/SPECIFICATION.md} §7.1, each with the chain fields every entry carries (§7.2).
 *
 * <p>An entry is created unchained ({@code sequence 0}, no hashes); the log assigns its sequence
 * number, the previous entry's hash and its own hash when it appends it, and returns the chained
 * copy. {@code hash} is SHA-256 over the previous hash and the exact stored bytes of the entry
 * without its {@code hash}; the first entry's previous hash is 64 zeros.
 */
public sealed interface LogEntry {

  /** The log entry schema version. */
  int SCHEMA_VERSION = 1;

  /** The hash that precedes the first entry. */
  String GENESIS_HASH = "0".repeat(64);

  /** {@code export-generated}, {@code export-downloaded}, {@code policy-decision} or {@code error}. */
  String entryType();

  /** The position in the log, from 1; 0 before the entry is appended. */
  long sequence();

  /** When the operation happened (UTC). */
  Instant timestamp();

  /** The tenant the entry concerns, or {@code null} when it names none. */
  String tenantId();

  /** Who performed the operation. */
  String userId();

  /** The previous entry's hash, or {@code null} before the entry is appended. */
  String prevHash();

  /** This entry's hash, or {@code null} before the entry is appended. */
  String hash();

  /** This entry with chain fields assigned. Used by the log when it appends. */
  LogEntry chained(long sequence, String prevHash, String hash);

  /** The checkpoint of this appended entry. */
  default LogCheckpoint checkpoint() {
    return new LogCheckpoint(sequence(), Objects.requireNonNull(hash(), "entry is not appended yet"));
  }

  /**
   * What an {@code export-generated} entry records of the export.
   *
   * @param exportId          the execution's export id
   * @param category          the category id
   * @param format            the format id
   * @param sizeBytes         the real artifact size
   * @param sha256            the artifact's SHA-256
   * @param computationTimeMs milliseconds from request to finished artifact
   * @param dataSourcesUsed   the data-source labels of the sections
   * @param signature         the artifact's signature, or {@code null} when it was not signed (and
   *                          in entries written before signatures existed, which leave the key out)
   */
  record GeneratedExport(String bundleId, String exportId, String queryId, String category, String format,
      int sectionsGenerated, long itemsIncluded, long sizeBytes, String sha256, long computationTimeMs,
      List<String> dataSourcesUsed, ArtifactSignature signature) {
    public GeneratedExport {
      dataSourcesUsed = List.copyOf(dataSourcesUsed);
    }

    /** What an export without a signature records. */
    public GeneratedExport(String bundleId, String exportId, String queryId, String category, String format,
        int sectionsGenerated, long itemsIncluded, long sizeBytes, String sha256, long computationTimeMs,
        List<String> dataSourcesUsed) {
      this(bundleId, exportId, queryId, category, format, sectionsGenerated, itemsIncluded, sizeBytes, sha256,
          computationTimeMs, dataSourcesUsed, null);
    }
  }

  /**
   * An export was generated.
   *
   * @param timestamp   when it finished
   * @param tenantId    the resolved scope's tenant, or the caller's own tenant when the scope names
   *                    only a federation ({@code docs/SPECIFICATION.md} §7.1)
   * @param facilityId  the scope's facility, or {@code null}
   * @param export      what was exported
   * @param generatedBy the caller's user id
   */
  record ExportGenerated(long sequence, Instant timestamp, String tenantId, String facilityId, GeneratedExport export,
      String generatedBy, String prevHash, String hash) implements LogEntry {
    public ExportGenerated {
      Objects.requireNonNull(timestamp, "timestamp");
      Objects.requireNonNull(export, "export");
      Objects.requireNonNull(generatedBy, "generatedBy");
    }

    @Override
    public String entryType() {
      return "export-generated";
    }

    @Override
    public String userId() {
      return generatedBy;
    }

    @Override
    public ExportGenerated chained(long seq, String prev, String own) {
      return new ExportGenerated(seq, timestamp, tenantId, facilityId, export, generatedBy, prev, own);
    }
  }

  /**
   * What an {@code export-downloaded} entry records of the download.
   *
   * @param format    the format id
   * @param filename  the file name delivered
   * @param sizeBytes the bytes delivered
   */
  record Download(String bundleId, String format, String filename, long sizeBytes) { }

  /**
   * An artifact was downloaded or written to a file for a user.
   *
   * @param tenantId     the export's scope tenant, or the downloader's own tenant when the scope
   *                     names only a federation ({@code docs/SPECIFICATION.md} §7.1)
   * @param download     what was delivered
   * @param downloadedBy who received it
   */
  record ExportDownloaded(long sequence, Instant timestamp, String tenantId, Download download, String downloadedBy,
      String prevHash, String hash) implements LogEntry {
    public ExportDownloaded {
      Objects.requireNonNull(timestamp, "timestamp");
      Objects.requireNonNull(download, "download");
      Objects.requireNonNull(downloadedBy, "downloadedBy");
    }

    @Override
    public String entryType() {
      return "export-downloaded";
    }

    @Override
    public String userId() {
      return downloadedBy;
    }

    @Override
    public ExportDownloaded chained(long seq, String prev, String own) {
      return new ExportDownloaded(seq, timestamp, tenantId, download, downloadedBy, prev, own);
    }
  }

  /**
   * A policy decision was made, allowed or denied.
   *
   * @param decision  the decision, with its resolved scope, violations and warnings
   * @param userId    the caller
   */
  record PolicyEvaluated(long sequence, Instant timestamp, PolicyDecision decision, String userId, String prevHash,
      String hash) implements LogEntry {
    public PolicyEvaluated {
      Objects.requireNonNull(timestamp, "timestamp");
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(userId, "userId");
    }

    @Override
    public String entryType() {
      return "policy-decision";
    }

    /** The resolved scope's tenant. */
    @Override
    public String tenantId() {
      return decision.scope().tenantId();
    }

    @Override
    public PolicyEvaluated chained(long seq, String prev, String own) {
      return new PolicyEvaluated(seq, timestamp, decision, userId, prev, own);
    }
  }

  /**
   * What an {@code error} entry records.
   *
   * @param errorCode {@code INVALID_REQUEST}, {@code INVALID_DATA} or {@code EXPORT_FAILED}
   * @param details   further facts (e.g. {@code category}, {@code format}); sorted, may be empty
   */
  record ErrorInfo(String queryId, String errorCode, String message, Map<String, String> details) {
    public ErrorInfo {
      Objects.requireNonNull(errorCode, "errorCode");
      Objects.requireNonNull(message, "message");
      details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(details));
    }
  }

  /**
   * An export failed.
   *
   * @param tenantId  the tenant concerned, or {@code null}
   * @param error     what went wrong
   * @param userId    the caller
   */
  record ExportError(long sequence, Instant timestamp, String tenantId, ErrorInfo error, String userId,
      String prevHash, String hash) implements LogEntry {
    public ExportError {
      Objects.requireNonNull(timestamp, "timestamp");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(userId, "userId");
    }

    @Override
    public String entryType() {
      return "error";
    }

    @Override
    public ExportError chained(long seq, String prev, String own) {
      return new ExportError(seq, timestamp, tenantId, error, userId, prev, own);
    }
  }
}
