package dev.myrq.cli;

import dev.myrq.core.MyrqException;
import dev.myrq.core.shell.ExitCodes;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one {@code myrq: ...} line on stderr and an {@link ExitCodes} code. Stack traces are
 * printed only when {@code verbose} says so, and never for usage errors.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
  private final BooleanSupplier verbose;

  ErrorHandler(BooleanSupplier verbose) {
    this.verbose = verbose;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    err.println("myrq: " + message(e));
    if (verbose.getAsBoolean()) {
      e.printStackTrace(err);
    }
    err.flush();
    return exitCode(e);
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    String command = mistypedCommand(e);
    if (command != null) {
      err.println("myrq: unknown command '" + command + "'" + didYouMean(command, cmd));
      err.println("try 'myrq --help'");
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
    err.println("myrq: " + oneLine(e.getMessage()));
    err.println("try '" + cmd.getCommandSpec().qualifiedName() + " --help'");
    err.flush();
    return ExitCodes.BAD_INPUT;
  }

  /** The word given where a command was expected (myrq stauts ...), or null. */
  private static String mistypedCommand(ParameterException e) {
    if (!(e instanceof UnmatchedArgumentException u) || e.getCommandLine().getParent() != null) {
      return null;
    }
    List<String> unmatched = u.getUnmatched();
    if (unmatched.isEmpty() || unmatched.get(0).startsWith("-")) {
      return null;
    }
    return unmatched.get(0);
  }

  /** "; did you mean 'status'?" for the closest command names, or the list of commands. */
  private static String didYouMean(String word, CommandLine top) {
    List<String> close = CommandNames.closest(word, top.getSubcommands().keySet());
    if (close.isEmpty()) {
      return "; commands: " + String.join(", ", top.getSubcommands().keySet());
    }
    return "; did you mean " + String.join(" or ", close.stream().map(c -> "'" + c + "'").toList()) + "?";
  }

  static int exitCode(Exception e) {
    return ExitCodes.of(e);
  }

  private String message(Exception e) {
    if (e instanceof MyrqException) {
      return oneLine(e.getMessage());
    }
    String hint = verbose.getAsBoolean() ? "" : " (rerun with --verbose for the stack trace)";
    return "internal error: " + oneLine(e.toString()) + hint;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
