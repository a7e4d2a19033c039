package dev.exporthub.core.internal;

import dev.exporthub.api.TimeRange;
import dev.exporthub.api.source.SourceRecord;
import dev.exporthub.api.spi.SourceQuery;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@link SourceQuery#matches} as a predicate over records, built once per read: every record of
 * every export passes it, and the query's sorted tenant set is a tree to search where one tenant,
 * the usual case, needs a single comparison. Not part of the public API.
 */
public final class RecordFilter implements Predicate<SourceRecord> {

  private final String onlyTenant;
  private final Set<String> tenants;
  private final String facility;
  private final Instant from;
  private final Instant to;

  private RecordFilter(SourceQuery query) {
    Set<String> ids = query.tenantIds();
    this.onlyTenant = ids.size() == 1 ? ids.iterator().next() : null;
    this.tenants = new HashSet<>(ids);
    this.facility = query.facilityId();
    TimeRange range = query.timeRange();
    this.from = range.from();
    this.to = range.to();
  }

  /** The filter of {@code query}: true exactly when {@code query.matches} is. */
  public static RecordFilter of(SourceQuery query) {
    return new RecordFilter(query);
  }

  @Override
  public boolean test(SourceRecord record) {
    String tenant = record.tenantId();
    if (onlyTenant != null ? !onlyTenant.equals(tenant) : !tenants.contains(tenant)) {
      return false;
    }
    if (facility != null && !facility.equals(record.facilityId())) {
      return false;
    }
    Instant timestamp = record.timestamp();
    return timestamp.compareTo(from) >= 0 && timestamp.compareTo(to) < 0;
  }
}
