package dev.myrq.cli;

/** The exit codes of every myrq command; the *_HELP lines list them in each command's --help. */
final class ExitCodes {
  static final int OK = 0;
  static final int INTERNAL_ERROR = 1;
  static final int BAD_INPUT = 2;
  static final int NOT_FOUND = 3;
  static final int REDIS_UNREACHABLE = 4;

  static final String HEADING = "%nExit codes:%n";
  static final String OK_HELP = "0:ok";
  static final String INTERNAL_ERROR_HELP = "1:internal error (rerun with --verbose for the stack trace)";
  static final String BAD_INPUT_HELP = "2:bad input: unknown option, malformed value, invalid job or setting";
  static final String NOT_FOUND_HELP = "3:job not found";
  static final String REDIS_UNREACHABLE_HELP = "4:Redis unreachable or not answering in time";

  private ExitCodes() {}
}
