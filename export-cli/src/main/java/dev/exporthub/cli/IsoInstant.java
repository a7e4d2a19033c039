package dev.exporthub.cli;

import dev.exporthub.api.InvalidRequestException;
import dev.exporthub.api.UncheckedRequest;
import java.time.Instant;
import picocli.CommandLine;

/**
 * Reads {@code --now} as every surface reads an instant ({@link UncheckedRequest#instant}): an
 * ISO-8601 instant, a date-time with an offset, or a date meaning its start in UTC. Never the
 * default time zone.
 */
final class IsoInstant implements CommandLine.ITypeConverter<Instant> {

  @Override
  public Instant convert(String value) {
    try {
      return UncheckedRequest.instant("--now", value);
    } catch (InvalidRequestException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
