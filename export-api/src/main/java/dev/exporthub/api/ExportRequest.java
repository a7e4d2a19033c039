package dev.exporthub.api;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a caller asks to export. Immutable; build one with {@link #builder(ExportCategory, ExportFormat)}.
 *
 * @param queryId     an id for this request, carried into the policy decision and the log; {@code null}
 *                    lets the hub assign one from its id supplier
 * @param category    the category, never null
 * @param format      the format, never null
 * @param scope       the scope, never null; {@link ExportScope#unscoped()} means the caller's tenant
 * @param timeRange   the time range, or {@code null} for the 30 days ending at the hub clock's now
 * @param requestedBy who the bundle's metadata names as {@code generatedBy}, or {@code null} for the
 *                    caller's user id
 * @param options     format options such as {@code csv.bom=true}; sorted by key, unmodifiable
 */
public record ExportRequest(
    String queryId,
    ExportCategory category,
    ExportFormat format,
    ExportScope scope,
    TimeRange timeRange,
    String requestedBy,
    Map<String, String> options) {

  /** @throws InvalidRequestException on a blank query id, blank requester or blank option key */
  public ExportRequest {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(format, "format");
    scope = scope == null ? ExportScope.unscoped() : scope;
    if (queryId != null && queryId.isBlank()) {
      throw new InvalidRequestException("Query id must not be blank; leave it out to have one assigned");
    }
    if (requestedBy != null && requestedBy.isBlank()) {
      throw new InvalidRequestException("requestedBy must not be blank; leave it out to use the caller's user id");
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    if (options != null) {
      options.forEach((key, value) -> {
        if (key == null || key.isBlank() || value == null) {
          throw new InvalidRequestException("Option '" + key + "=" + value + "' needs a key and a value");
        }
        sorted.put(key, value);
      });
    }
    options = Collections.unmodifiableMap(sorted);
  }

  /** A builder for a request of this category and format, unscoped, with the default time range. */
  public static Builder builder(ExportCategory category, ExportFormat format) {
    return new Builder(category, format);
  }

  /** The value of an option, or {@code defaultValue} when it is not set. */
  public String option(String key, String defaultValue) {
    return options.getOrDefault(key, defaultValue);
  }

  /** A copy of this request with the given query id. */
  public ExportRequest withQueryId(String id) {
    return new ExportRequest(id, category, format, scope, timeRange, requestedBy, options);
  }

  /** Builds {@link ExportRequest}s. Not thread-safe. */
  public static final class Builder {
    private String queryId;
    private final ExportCategory category;
    private final ExportFormat format;
    private ExportScope scope = ExportScope.unscoped();
    private TimeRange timeRange;
    private String requestedBy;
    private final TreeMap<String, String> options = new TreeMap<>();

    private Builder(ExportCategory category, ExportFormat format) {
      this.category = Objects.requireNonNull(category, "category");
      this.format = Objects.requireNonNull(format, "format");
    }

    public Builder queryId(String id) {
      this.queryId = id;
      return this;
    }

    public Builder scope(ExportScope value) {
      this.scope = value;
      return this;
    }

    public Builder timeRange(TimeRange value) {
      this.timeRange = value;
      return this;
    }

    public Builder requestedBy(String user) {
      this.requestedBy = user;
      return this;
    }

    public Builder option(String key, String value) {
      this.options.put(key, value);
      return this;
    }

    public ExportRequest build() {
      return new ExportRequest(queryId, category, format, scope, timeRange, requestedBy, options);
    }
  }
}
