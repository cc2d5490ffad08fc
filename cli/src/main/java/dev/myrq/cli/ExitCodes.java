package dev.myrq.cli;

/** The exit codes of every myrq command; the *_HELP lines list them in each command's --help. */
final class ExitCodes {
  static final int OK = 0;
  static final int INTERNAL_ERROR = 1;
  static final int BAD_INPUT = 2;
  static final int NOT_FOUND = 3;
  static final int REDIS_UNREACHABLE = 4;
  static final int JOB_FAILED = 5;
  static final int JOB_TIMED_OUT = 6;
  static final int JOB_CANCELED = 7;
  static final int WAIT_TIMED_OUT = 8;

  static final String HEADING = "%nExit codes:%n";
  static final String OK_HELP = "0:ok";
  static final String INTERNAL_ERROR_HELP = "1:internal error (rerun with --verbose for the stack trace)";
  static final String BAD_INPUT_HELP = "2:bad input: unknown option, malformed value, invalid job or setting";
  static final String NOT_FOUND_HELP = "3:job or queue not found";
  static final String REDIS_UNREACHABLE_HELP = "4:Redis unreachable or not answering in time";
  static final String JOB_FAILED_HELP = "5:waited-for job failed (enqueue --wait, wait)";
  static final String JOB_TIMED_OUT_HELP = "6:waited-for job ran past its timeout";
  static final String JOB_CANCELED_HELP = "7:waited-for job was canceled";
  static final String WAIT_TIMED_OUT_HELP = "8:--wait-timeout / --timeout passed before the job ended";

  private ExitCodes() {}
}
