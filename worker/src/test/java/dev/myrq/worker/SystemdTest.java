package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** sd_notify to a NOTIFY_SOCKET the test binds. */
class SystemdTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void ready_status_and_stopping_arrive_as_datagrams() throws Exception {
    try (NotifyListener systemd = new NotifyListener();
        Systemd notifier = Systemd.fromEnvironment(Map.of("NOTIFY_SOCKET", systemd.path.toString()))) {
      notifier.ready("running");
      assertEquals("READY=1\nSTATUS=running", systemd.await(m -> true, WAIT));
      notifier.status("quiet");
      assertEquals("STATUS=quiet", systemd.await(m -> true, WAIT));
      notifier.stopping("bye");
      assertEquals("STOPPING=1\nSTATUS=bye", systemd.await(m -> true, WAIT));
    }
  }

  @Test
  void watchdog_pings_every_half_timeout_while_responsive_and_stops_when_not() throws Exception {
    AtomicBoolean responsive = new AtomicBoolean(true);
    Map<String, String> env = Map.of("NOTIFY_SOCKET", "", "WATCHDOG_USEC", "400000");
    try (NotifyListener systemd = new NotifyListener();
        Systemd notifier =
            Systemd.fromEnvironment(Map.of("NOTIFY_SOCKET", systemd.path.toString(), "WATCHDOG_USEC", "400000"));
        Watchdog watchdog = Watchdog.start(notifier, responsive::get)) {
      assertEquals(Duration.ofMillis(400), notifier.watchdog().orElseThrow());
      for (int i = 0; i < 3; i++) {
        assertEquals("WATCHDOG=1", systemd.await(m -> true, WAIT));
      }
      responsive.set(false);
      systemd.arrives(m -> false, Duration.ofMillis(300)); // drain a ping already on its way
      assertFalse(systemd.arrives("WATCHDOG=1"::equals, Duration.ofSeconds(1)), "no pings while stalled");
      responsive.set(true);
      assertTrue(systemd.arrives("WATCHDOG=1"::equals, WAIT), "pings resume");
    }
    assertTrue(Systemd.fromEnvironment(env).watchdog().isEmpty(), "no NOTIFY_SOCKET: nothing to ping");
  }

  @Test
  void watchdog_meant_for_another_process_or_absent_is_ignored() {
    assertTrue(Systemd.watchdogInterval(Map.of("WATCHDOG_USEC", "1000000", "WATCHDOG_PID", "1")) == null);
    assertTrue(Systemd.watchdogInterval(Map.of()) == null);
    assertEquals(
        Duration.ofSeconds(1),
        Systemd.watchdogInterval(
            Map.of("WATCHDOG_USEC", "1000000", "WATCHDOG_PID", Long.toString(ProcessHandle.current().pid()))));
  }

  @Test
  void the_native_library_goes_to_the_state_directory_when_systemd_gives_one() throws Exception {
    String before = System.getProperty(NotifySocket.LIBRARY_DIR_PROPERTY);
    try (NotifyListener systemd = new NotifyListener()) {
      if (before == null) {
        Path state = Files.createTempDirectory("myrq-state");
        NotifySocket.open(systemd.path.toString(), state + ":/other").close();
        assertEquals(state.toString(), System.getProperty(NotifySocket.LIBRARY_DIR_PROPERTY));
      }
    } finally {
      if (before == null) {
        System.clearProperty(NotifySocket.LIBRARY_DIR_PROPERTY);
      }
    }
  }

  @Test
  void without_notify_socket_every_call_does_nothing() {
    try (Systemd notifier = Systemd.fromEnvironment(Map.of())) {
      notifier.ready("x");
      notifier.ping();
      assertTrue(notifier.watchdog().isEmpty());
    }
  }
}
