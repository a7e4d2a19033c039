package dev.exporthub.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * Reads {@code --now}, {@code --from} and {@code --to}: an ISO-8601 instant
 * ({@code 2026-01-15T12:00:00Z}), a date-time with an offset ({@code 2026-01-15T13:00:00+01:00}), or
 * a date, meaning its start in UTC ({@code 2026-01-15}). Never the default time zone.
 */
final class IsoInstant implements CommandLine.ITypeConverter<Instant> {

  @Override
  public Instant convert(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException notAnInstant) {
      // try the other two forms
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException notADateTime) {
      // try a date
    }
    try {
      return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException notADate) {
      throw new CommandLine.TypeConversionException("'" + value
          + "' is not an ISO-8601 instant such as 2026-01-15T12:00:00Z or a date such as 2026-01-15");
    }
  }
}
