package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeoutGuardTest {
  private final TimeoutGuard guard = new TimeoutGuard(4, 2, Duration.ofSeconds(30), () -> {});
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void shutdown() {
    release.countDown();
    guard.shutdown();
  }

  @Test
  void a_short_deadline_after_a_long_one_still_expires_on_time() throws Exception {
    LinkedBlockingQueue<TimeoutGuard.Ending> longOne = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<TimeoutGuard.Ending> shortOne = new LinkedBlockingQueue<>();
    assertEquals(2, guard.acquireUpTo(2));
    guard.run(this::waitForRelease, Duration.ofMinutes(10), null, longOne::add, guard::onJobThread);
    long start = System.nanoTime();
    guard.run(this::waitForRelease, Duration.ofMillis(200), null, shortOne::add, guard::onJobThread);
    TimeoutGuard.Ending ending = shortOne.poll(10, TimeUnit.SECONDS);
    assertNotNull(ending, "the short deadline never expired");
    assertTrue(ending.timedOut());
    assertTrue(System.nanoTime() - start >= Duration.ofMillis(200).toNanos());
    assertNull(longOne.poll(100, TimeUnit.MILLISECONDS), "the long one ended early");
  }

  @Test
  void bodies_that_end_in_time_leave_later_deadlines_enforced() throws Exception {
    assertEquals(4, guard.acquireUpTo(4));
    for (int i = 0; i < 3; i++) {
      LinkedBlockingQueue<TimeoutGuard.Ending> done = new LinkedBlockingQueue<>();
      guard.run(() -> "ok", Duration.ofMillis(300), null, done::add, guard::onJobThread);
      assertEquals("ok", done.poll(10, TimeUnit.SECONDS).result());
    }
    LinkedBlockingQueue<TimeoutGuard.Ending> stuck = new LinkedBlockingQueue<>();
    guard.run(this::waitForRelease, Duration.ofMillis(400), null, stuck::add, guard::onJobThread);
    TimeoutGuard.Ending ending = stuck.poll(10, TimeUnit.SECONDS);
    assertNotNull(ending, "the deadline was lost after earlier bodies ended");
    assertTrue(ending.timedOut());
    assertTrue(guard.awaitIdle(Duration.ofSeconds(5)));
  }

  private Object waitForRelease() throws InterruptedException {
    release.await();
    return null;
  }
}
