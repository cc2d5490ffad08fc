package dev.myrq.tools.chaos;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StallTest {
  private static final Instant STOP = Instant.ofEpochMilli(1_000_000);
  private final Stall.Window window = new Stall.Window("chaos-2", STOP, STOP.plus(Stall.LENGTH));

  @Test
  void a_reap_of_the_stopped_worker_while_stopped_or_just_after_is_the_stalls() {
    assertTrue(window.covers("chaos-2", STOP.plus(Chaos.LEASE).toEpochMilli()));
    assertTrue(window.covers("chaos-2", STOP.plus(Stall.LENGTH).plus(Stall.AFTERMATH).toEpochMilli()));
  }

  @Test
  void a_reap_of_another_worker_or_long_after_the_resume_is_not() {
    assertFalse(window.covers("chaos-1", STOP.plus(Chaos.LEASE).toEpochMilli()));
    assertFalse(window.covers("chaos-2", STOP.minusMillis(1).toEpochMilli()));
    assertFalse(window.covers("chaos-2", STOP.plus(Stall.LENGTH).plus(Stall.AFTERMATH).plusMillis(1).toEpochMilli()));
  }
}
