package dev.myrq.worker;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Parses a size in bytes: {@code 1048576}, {@code 512kb}, {@code 1mb}, {@code 1gb} (binary units, any case). */
final class Sizes implements CommandLine.ITypeConverter<Long> {
  private static final Pattern P = Pattern.compile("(\\d{1,12})(b|kb|k|mb|m|gb|g)?");

  @Override
  public Long convert(String value) {
    Matcher m = P.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a size such as 512kb, 1mb or 1048576");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    return switch (unit.charAt(0)) {
      case 'k' -> n * 1024;
      case 'm' -> n * 1024 * 1024;
      case 'g' -> n * 1024 * 1024 * 1024;
      default -> n;
    };
  }
}
