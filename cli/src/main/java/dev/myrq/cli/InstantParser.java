package dev.myrq.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an ISO-8601 instant, in UTC ({@code 2030-01-31T09:00:00Z}) or with an offset ({@code ...T10:00+01:00}),
 * from the year 1970 to 9999 (times are stored as epoch milliseconds).
 */
final class InstantParser implements ITypeConverter<Instant> {
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  @Override
  public Instant convert(String text) {
    try {
      Instant t = OffsetDateTime.parse(text.strip()).toInstant();
      if (t.isBefore(Instant.EPOCH) || t.isAfter(LATEST)) {
        throw new TypeConversionException("'" + text + "' is out of range: give a time from 1970 to 9999");
      }
      return t;
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + text + "' is not an ISO-8601 time with a zone, such as 2030-01-31T09:00:00Z");
    }
  }
}
