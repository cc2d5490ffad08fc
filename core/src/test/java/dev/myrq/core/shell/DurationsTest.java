package dev.myrq.core.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationsTest {
  private final Durations parser = new Durations();

  @Test
  void units_and_plain_seconds_are_understood() {
    assertEquals(Duration.ofMillis(500), parser.convert("500ms"));
    assertEquals(Duration.ofSeconds(30), parser.convert("30s"));
    assertEquals(Duration.ofMinutes(10), parser.convert("10m"));
    assertEquals(Duration.ofHours(2), parser.convert("2h"));
    assertEquals(Duration.ofDays(1), parser.convert("1d"));
    assertEquals(Duration.ofSeconds(1), parser.convert("1"));
    assertEquals(Duration.ofMillis(1500), parser.convert("1.5"));
    assertEquals(Duration.ofMinutes(90), parser.convert("1.5h"));
    assertEquals(Duration.ZERO, parser.convert("0"));
  }

  @Test
  void anything_else_is_refused() {
    for (String bad : new String[] {"", "-1", "1x", "s", "1.5.2", "1 m", "PT1M", "99999999999999999999d"}) {
      assertThrows(TypeConversionException.class, () -> parser.convert(bad), bad);
    }
  }
}
