package dev.myrq.worker;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings systemd's watchdog every half of WATCHDOG_USEC, on its own thread ({@code myrq-watchdog}), while the
 * worker is responsive. When it is not (its fetch loop stalled), the pings stop and systemd kills and restarts the
 * worker after the watchdog timeout; its jobs come back through their leases.
 */
final class Watchdog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

  private final Systemd systemd;
  private final BooleanSupplier responsive;
  private final ScheduledExecutorService timer;
  private boolean silent;

  private Watchdog(Systemd systemd, BooleanSupplier responsive, ScheduledExecutorService timer) {
    this.systemd = systemd;
    this.responsive = responsive;
    this.timer = timer;
  }

  /** Start pinging if systemd asked for a watchdog; otherwise return one that does nothing. */
  static Watchdog start(Systemd systemd, BooleanSupplier responsive) {
    Duration timeout = systemd.watchdog().orElse(null);
    if (timeout == null) {
      return new Watchdog(systemd, responsive, null);
    }
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "myrq-watchdog");
              t.setDaemon(true);
              return t;
            });
    Watchdog w = new Watchdog(systemd, responsive, timer);
    long every = Math.max(1, timeout.toMillis() / 2);
    timer.scheduleAtFixedRate(w::tick, 0, every, TimeUnit.MILLISECONDS);
    return w;
  }

  private void tick() {
    if (responsive.getAsBoolean()) {
      if (silent) {
        silent = false;
        LOG.info("Worker responsive again; watchdog pings resume");
      }
      systemd.ping();
    } else if (!silent) {
      silent = true;
      LOG.error("Worker's fetch loop stalled; watchdog pings stop, so systemd restarts the worker");
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
