package dev.myrq.cli;

/** The lines that list myrq's exit codes ({@link dev.myrq.core.shell.ExitCodes}) in --help. */
final class ExitCodeHelp {
  static final String OK = "0:ok";
  static final String INTERNAL_ERROR = "1:internal error (rerun with --verbose for the stack trace)";
  static final String BAD_INPUT = "2:bad input: unknown option, malformed value, invalid job or setting";
  static final String NOT_FOUND = "3:job or queue not found";
  static final String REDIS_UNREACHABLE = "4:Redis unreachable or not answering in time";
  static final String JOB_FAILED = "5:waited-for job failed (enqueue --wait, wait)";
  static final String JOB_TIMED_OUT = "6:waited-for job ran past its timeout";
  static final String JOB_CANCELED = "7:waited-for job was canceled";
  static final String WAIT_TIMED_OUT = "8:--wait-timeout / --timeout passed before the job ended";
  static final String NOT_REPLICATED =
      "9:written to the master, but fewer than --min-replicas replicas confirmed it in time (may be lost)";

  private ExitCodeHelp() {}
}
