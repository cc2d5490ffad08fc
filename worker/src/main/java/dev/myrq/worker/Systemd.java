package dev.myrq.worker;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd how the worker is doing (sd_notify): READY=1 once it fetches jobs, STATUS= lines, STOPPING=1,
 * and WATCHDOG=1 pings. Without NOTIFY_SOCKET (not under systemd, or not {@code Type=notify}) every call does
 * nothing. A notification that cannot be sent is logged once and never stops the worker.
 */
final class Systemd implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Systemd.class);

  private final NotifySocket socket;
  private final Duration watchdog;
  private boolean warned;

  private Systemd(NotifySocket socket, Duration watchdog) {
    this.socket = socket;
    this.watchdog = watchdog;
  }

  /**
   * From the environment systemd gives a service: NOTIFY_SOCKET, and WATCHDOG_USEC (with WATCHDOG_PID, when set,
   * naming this process).
   */
  static Systemd fromEnvironment(Map<String, String> env) {
    String path = env.get("NOTIFY_SOCKET");
    if (path == null || path.isEmpty()) {
      return new Systemd(null, null);
    }
    try {
      return new Systemd(NotifySocket.open(path, env.get("STATE_DIRECTORY")), watchdogInterval(env));
    } catch (IOException | RuntimeException | LinkageError e) {
      LOG.warn("Cannot open NOTIFY_SOCKET {}: {}; systemd will not hear that the worker is ready", path, e.toString());
      return new Systemd(null, null);
    }
  }

  /** WATCHDOG_USEC when set, positive, and meant for this process. */
  static Duration watchdogInterval(Map<String, String> env) {
    String pid = env.get("WATCHDOG_PID");
    if (pid != null && !pid.equals(Long.toString(ProcessHandle.current().pid()))) {
      return null;
    }
    try {
      long usec = Long.parseLong(env.getOrDefault("WATCHDOG_USEC", "0"));
      return usec > 0 ? Duration.ofNanos(usec * 1000) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The watchdog timeout systemd expects pings within, if it asked for them. */
  Optional<Duration> watchdog() {
    return Optional.ofNullable(watchdog);
  }

  void ready(String status) {
    send("READY=1\nSTATUS=" + status);
  }

  void status(String status) {
    send("STATUS=" + status);
  }

  void stopping(String status) {
    send("STOPPING=1\nSTATUS=" + status);
  }

  void ping() {
    send("WATCHDOG=1");
  }

  private void send(String state) {
    if (socket == null) {
      return;
    }
    try {
      socket.send(state);
    } catch (IOException | RuntimeException e) {
      synchronized (this) {
        if (!warned) {
          warned = true;
          LOG.warn("Cannot notify systemd: {}; the worker keeps running", e.toString());
        }
      }
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        LOG.debug("closing NOTIFY_SOCKET: {}", e.toString());
      }
    }
  }
}
