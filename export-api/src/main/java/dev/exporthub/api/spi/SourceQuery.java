package dev.exporthub.api.spi;

import dev.exporthub.api.TimeRange;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hints a hub gives a data source: the tenants in scope, an optional facility and the time
 * range. Sources may use them to read less; the hub applies them again.
 *
 * @param tenantIds  the tenants whose records may be exported; sorted, unmodifiable, never empty
 * @param facilityId the facility, or {@code null} for every facility
 * @param timeRange  the range {@code [from, to)} of the records' timestamps
 */
public record SourceQuery(Set<String> tenantIds, String facilityId, TimeRange timeRange) {

  public SourceQuery {
    tenantIds = java.util.Collections.unmodifiableSet(new TreeSet<>(tenantIds));
    Objects.requireNonNull(timeRange, "timeRange");
  }

  /** Whether a record with this tenant, facility and timestamp matches the query. */
  public boolean matches(String tenantId, String facility, java.time.Instant timestamp) {
    return tenantIds.contains(tenantId)
        && (facilityId == null || facilityId.equals(facility))
        && timeRange.contains(timestamp);
  }
}
