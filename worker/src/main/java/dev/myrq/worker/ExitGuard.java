package dev.myrq.worker;

import dev.myrq.core.shell.ExitCodes;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a job's {@code System.exit} from passing for a clean stop. The worker ends its JVM only through
 * {@link #exit}; any other exit (a job calling {@code System.exit(0)}, a library, a SIGHUP) runs this shutdown hook,
 * which finds the job thread that called it, fails that job (JobExited, not retried), puts the other running jobs
 * back in their queues and halts with {@link #EXIT_CODE}, so that systemd restarts the worker. {@code Runtime.halt}
 * runs no hook and cannot be caught: its job's lease expires, and after {@code --max-crashes} halts it fails with
 * WorkerDied; the systemd unit restarts the worker whatever its exit code ({@code Restart=always}).
 */
final class ExitGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ExitGuard.class);
  /** The exit code of a worker whose JVM something else tried to end. */
  static final int EXIT_CODE = ExitCodes.JOB_CALLED_EXIT;
  private static volatile boolean deliberate;

  private ExitGuard() {}

  /** What to do before the JVM ends: fail the job on the calling thread, put the others back; true if found. */
  interface Culprit {
    boolean failAndPutBackOthers(Thread caller, String error);
  }

  /** Watch for exits the worker did not start, from now until the JVM ends. */
  static void install(Culprit culprit) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> onExit(culprit), "myrq-exit-guard"));
  }

  /** End the JVM on purpose with this code. */
  static void exit(int code) {
    deliberate = true;
    System.exit(code);
  }

  private static void onExit(Culprit culprit) {
    if (deliberate) {
      return;
    }
    Thread caller = exitCaller();
    LOG.error("Something other than the worker is ending its JVM (System.exit called by {}); exiting with code {} "
        + "so that it is restarted", caller == null ? "an unknown thread" : caller.getName(), EXIT_CODE);
    try {
      if (caller != null) {
        culprit.failAndPutBackOthers(caller, "JobExited: the job called System.exit, which would have ended the "
            + "worker; not retried");
      }
    } catch (Throwable e) {
      LOG.error("Could not record the jobs before exiting: {}; their leases expire and they run again", e.toString());
    } finally {
      Runtime.getRuntime().halt(EXIT_CODE);
    }
  }

  /** The thread blocked in System.exit / Runtime.exit, if any. */
  private static Thread exitCaller() {
    for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
      for (StackTraceElement f : e.getValue()) {
        if (f.getClassName().equals("java.lang.Shutdown") && f.getMethodName().equals("exit")) {
          return e.getKey();
        }
      }
    }
    return null;
  }
}
