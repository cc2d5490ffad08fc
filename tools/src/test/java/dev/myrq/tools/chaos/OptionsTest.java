package dev.myrq.tools.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {
  @Test
  void the_short_form_runs_600_jobs_with_a_kill_every_2_s() {
    Options o = Options.parse(new String[0], Map.of("CHAOS_SHORT", "1", "CHAOS_SEED", "7"));
    assertEquals(600, o.jobs());
    assertEquals(Duration.ofSeconds(2), o.killEvery());
    assertEquals(7, o.seed());
  }

  @Test
  void cluster_is_asked_for_with_its_flag_and_keeps_the_short_form() {
    assertFalse(Options.parse(new String[0], Map.of()).cluster());
    Options o = Options.parse(new String[] {"--cluster"}, Map.of("CHAOS_SHORT", "1"));
    assertTrue(o.cluster());
    assertEquals(600, o.jobs());
  }

  @Test
  void bad_settings_are_refused_and_help_is_null() {
    assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[0], Map.of("JOBS", "0")));
    assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--bogus"}, Map.of()));
    assertNull(Options.parse(new String[] {"--help"}, Map.of()));
  }
}
