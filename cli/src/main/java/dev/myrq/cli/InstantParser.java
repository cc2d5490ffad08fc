package dev.myrq.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads an ISO-8601 instant, in UTC ({@code 2030-01-31T09:00:00Z}) or with an offset ({@code ...T10:00+01:00}). */
final class InstantParser implements ITypeConverter<Instant> {
  @Override
  public Instant convert(String text) {
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + text + "' is not an ISO-8601 time with a zone, such as 2030-01-31T09:00:00Z");
    }
  }
}
