package dev.myrq.core.shell;

import dev.myrq.core.CronEntryNotFoundException;
import dev.myrq.core.InvalidConfigException;
import dev.myrq.core.InvalidJobException;
import dev.myrq.core.JobNotFoundException;
import dev.myrq.core.JobRunningException;
import dev.myrq.core.QueueNotFoundException;
import dev.myrq.core.RedisUnavailableException;
import dev.myrq.core.ReplicaWaitException;

/**
 * The exit codes of the myrq programs (the CLI and the worker), and which failure maps to which. The *_HELP lines
 * are for picocli's {@code exitCodeList}.
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int INTERNAL_ERROR = 1;
  public static final int BAD_INPUT = 2;
  /** The CLI: no such job. */
  public static final int NOT_FOUND = 3;
  /** The worker: too many job threads ignored their interrupt; restart it. */
  public static final int TOO_MANY_STUCK = 3;
  public static final int REDIS_UNREACHABLE = 4;
  /** The worker: a job (or anything but the worker) called System.exit; that job failed, the others went back. */
  public static final int JOB_CALLED_EXIT = 5;
  /** The CLI: a waited-for job failed (enqueue --wait, wait). */
  public static final int JOB_FAILED = 5;
  /** The CLI: a waited-for job ran past its timeout. */
  public static final int JOB_TIMED_OUT = 6;
  /** The CLI: a waited-for job was canceled. */
  public static final int JOB_CANCELED = 7;
  /** The CLI: the wait ended before the job did. */
  public static final int WAIT_TIMED_OUT = 8;
  /**
   * The CLI: a write (enqueue, requeue) reached the master, but fewer replicas than {@code --min-replicas}
   * confirmed it in time; it is lost if the master fails now.
   */
  public static final int NOT_REPLICATED = 9;

  public static final String HEADING = "%nExit codes:%n";

  private ExitCodes() {}

  /**
   * Return the code for a failure: bad input (or a running job asked to be deleted) 2, job, queue or recurring
   * entry not found 3,
   * Redis unreachable 4, a write not confirmed by enough replicas 9, anything else 1.
   */
  public static int of(Throwable e) {
    if (e instanceof JobNotFoundException || e instanceof QueueNotFoundException
        || e instanceof CronEntryNotFoundException) {
      return NOT_FOUND;
    }
    if (e instanceof RedisUnavailableException) {
      return REDIS_UNREACHABLE;
    }
    if (e instanceof ReplicaWaitException) {
      return NOT_REPLICATED;
    }
    if (e instanceof InvalidJobException || e instanceof InvalidConfigException || e instanceof JobRunningException) {
      return BAD_INPUT;
    }
    return INTERNAL_ERROR;
  }
}
