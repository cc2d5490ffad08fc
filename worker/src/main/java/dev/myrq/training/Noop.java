package dev.myrq.training;

/**
 * The job of the worker's archive training ({@link dev.myrq.worker.CdsTraining}): does nothing. The training copies
 * this class into a jobs jar of its own, from which the worker loads it as it loads any job, so that the archive
 * holds the classes of a job that runs and finishes (argument binding, invocation, result, end line).
 */
public final class Noop {
  private Noop() {}

  /** A job without arguments. */
  public static void run() {}

  /** A job with one number argument. */
  public static void run(double ignored) {}
}
