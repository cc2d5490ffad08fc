package dev.myrq.worker;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT handled by the worker itself rather than by a shutdown hook, so that a graceful stop ends
 * with exit code 0 (systemd then records a clean stop, not a failure).
 */
final class Signals {
  private Signals() {}

  /** SIGTSTP (as Sidekiq): stop fetching, let running jobs finish, stay up until SIGTERM. Ctrl-Z does the same. */
  static void onQuiet(Runnable action) {
    Signal.handle(new Signal("TSTP"), s -> action.run());
  }

  static void onTerminate(Runnable action) {
    Signal.handle(new Signal("TERM"), s -> action.run());
    Signal.handle(new Signal("INT"), s -> action.run());
  }
}
