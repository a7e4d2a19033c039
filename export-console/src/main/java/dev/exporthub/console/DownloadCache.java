package dev.exporthub.console;

import dev.exporthub.api.ExportScope;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The artifacts generated through the console, kept in memory until downloaded, under tokens
 * nobody can guess (128 random bits). Bounded by count and by total bytes: adding an artifact
 * evicts the least recently used ones until both bounds hold. Thread-safe.
 *
 * <p>Why keep bytes rather than export again on download: a second export would log a second
 * {@code policy-decision} and {@code export-generated} entry, counting one export twice in the
 * statistics, and could differ from the preview the user saw if the data changed in between.
 */
final class DownloadCache {

  private static final int TOKEN_BYTES = 16;

  private final int maxEntries;
  private final long maxBytes;
  private final SecureRandom random = new SecureRandom();
  private final LinkedHashMap<String, Artifact> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  DownloadCache(int maxEntries, long maxBytes) {
    if (maxEntries < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("The download cache needs room for at least one artifact");
    }
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  /**
   * One generated artifact and who may download it.
   *
   * @param format    the format id
   * @param filename  the file name to offer
   * @param mimeType  the MIME type to serve
   * @param content   the bytes (not copied: the cache owns them)
   * @param userId    the user who generated it; only they may download it
   * @param tenantId  that user's tenant
   * @param scope     the export's resolved scope: the download entry names its tenant, or the
   *                  downloader's own for a federation-only scope
   */
  record Artifact(String bundleId, String format, String filename, String mimeType, byte[] content,
      String userId, String tenantId, ExportScope scope) {
    Artifact {
      Objects.requireNonNull(bundleId, "bundleId");
      Objects.requireNonNull(content, "content");
    }

    boolean ownedBy(String user, String tenant) {
      return userId.equals(user) && tenantId.equals(tenant);
    }
  }

  /** The largest artifact the cache can hold. */
  long maxBytes() {
    return maxBytes;
  }

  /** Stores an artifact and returns its new token. */
  synchronized String put(Artifact artifact) {
    if (artifact.content().length > maxBytes) {
      throw new IllegalArgumentException("An artifact of " + artifact.content().length
          + " bytes exceeds the cache's " + maxBytes + " bytes");
    }
    String token = newToken();
    entries.put(token, artifact);
    bytes += artifact.content().length;
    Iterator<Map.Entry<String, Artifact>> eldest = entries.entrySet().iterator();
    while ((entries.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
      Map.Entry<String, Artifact> entry = eldest.next();
      if (entry.getKey().equals(token)) {
        continue;
      }
      bytes -= entry.getValue().content().length;
      eldest.remove();
    }
    return token;
  }

  /** The artifact under a token, marking it recently used; empty when unknown or evicted. */
  synchronized Optional<Artifact> get(String token) {
    return Optional.ofNullable(entries.get(token));
  }

  synchronized int size() {
    return entries.size();
  }

  synchronized long bytes() {
    return bytes;
  }

  private String newToken() {
    byte[] raw = new byte[TOKEN_BYTES];
    String token;
    do {
      random.nextBytes(raw);
      token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    } while (entries.containsKey(token));
    return token;
  }
}
