package dev.exporthub.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An export request as it arrives from outside (a command line, a form, a JSON body): ids and text,
 * not yet checked. Hand it to the hub as it is: the hub checks it, and an invalid one is logged by
 * the hub, once, as an {@code INVALID_REQUEST} error, the same way whichever surface it came from.
 *
 * @param queryId     the request's id, or {@code null} to have one assigned
 * @param category    a category id such as {@code compliance-pack}
 * @param format      a format id such as {@code json}
 * @param tenantId    the scope's tenant, or {@code null}
 * @param facilityId  the scope's facility, or {@code null}
 * @param federationId the scope's federation, or {@code null}
 * @param from        the range's start, or {@code null}; see {@link #instant(String, String)}
 * @param to          the range's end, or {@code null}
 * @param requestedBy who the metadata names, or {@code null} for the caller
 * @param options     format options; sorted by key, unmodifiable
 */
public record UncheckedRequest(String queryId, String category, String format, String tenantId, String facilityId,
    String federationId, String from, String to, String requestedBy, Map<String, String> options) {

  public UncheckedRequest {
    options = options == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(options));
  }

  /** A request for this category and format ids: unscoped, over the default range. */
  public static UncheckedRequest of(String category, String format) {
    return new UncheckedRequest(null, category, format, null, null, null, null, null, null, Map.of());
  }

  /** This request with another scope. */
  public UncheckedRequest withScope(String tenant, String facility, String federation) {
    return new UncheckedRequest(queryId, category, format, tenant, facility, federation, from, to, requestedBy,
        options);
  }

  /** This request with another range; either end may be {@code null}. */
  public UncheckedRequest withRange(String start, String end) {
    return new UncheckedRequest(queryId, category, format, tenantId, facilityId, federationId, start, end,
        requestedBy, options);
  }

  /** This request with another query id. */
  public UncheckedRequest withQueryId(String id) {
    return new UncheckedRequest(id, category, format, tenantId, facilityId, federationId, from, to, requestedBy,
        options);
  }

  /** This request with these options. */
  public UncheckedRequest withOptions(Map<String, String> values) {
    return new UncheckedRequest(queryId, category, format, tenantId, facilityId, federationId, from, to,
        requestedBy, values);
  }

  /**
   * The checked request. A range with only {@code to} starts {@link TimeRange#DEFAULT_LENGTH}
   * before it; with only {@code from} it ends at {@code now}; with neither it is left to the hub's
   * default.
   *
   * @throws InvalidRequestException naming what is wrong: an unknown category, a format id of the
   *                                 wrong shape, a blank scope part, an instant that does not
   *                                 parse, an inverted range, a blank option key
   */
  public ExportRequest check(Instant now) {
    Objects.requireNonNull(now, "now");
    if (format == null) {
      throw new InvalidRequestException("A format is required, e.g. json");
    }
    ExportRequest.Builder builder = ExportRequest.builder(ExportCategory.fromId(category), ExportFormat.of(format))
        .queryId(queryId)
        .scope(new ExportScope(tenantId, facilityId, federationId))
        .requestedBy(requestedBy);
    if (from != null || to != null) {
      Instant end = to != null ? instant("to", to) : now;
      Instant start = from != null ? instant("from", from) : end.minus(TimeRange.DEFAULT_LENGTH);
      builder.timeRange(TimeRange.of(start, end));
    }
    options.forEach(builder::option);
    return builder.build();
  }

  /**
   * Reads an instant as every surface writes one: an ISO-8601 instant ({@code 2026-01-15T12:00:00Z}),
   * a date-time with an offset ({@code 2026-01-15T13:00:00+01:00}) or a date, meaning its start in
   * UTC ({@code 2026-01-15}). Never the default time zone.
   *
   * @param name the field, for the message
   * @throws InvalidRequestException when the text is none of these
   */
  public static Instant instant(String name, String text) {
    Objects.requireNonNull(text, name);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notAnInstant) {
      // try the other two forms
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notADateTime) {
      // try a date
    }
    try {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException notADate) {
      String shown = text.length() > 64 ? text.substring(0, 64) + "…" : text;
      throw new InvalidRequestException(name + ": '" + shown
          + "' is not an ISO-8601 instant such as 2026-01-15T12:00:00Z or a date such as 2026-01-15");
    }
  }
}
