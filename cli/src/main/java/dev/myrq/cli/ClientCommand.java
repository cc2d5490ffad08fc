package dev.myrq.cli;

import dev.myrq.core.MyrqClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A subcommand that talks to Redis: it checks its input first, so a usage error needs no Redis, then connects,
 * runs and closes the connection.
 */
abstract class ClientCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    prepare();
    try (MyrqClient client = top().connect()) {
      return run(client);
    }
  }

  /** Check and read the input before connecting; throw {@link #usageError} when it is wrong. */
  void prepare() {}

  /** Do the work; return the exit code. */
  abstract int run(MyrqClient client) throws Exception;

  /** The top command, holding the connection options, however deep this subcommand is (myrq cron add). */
  Myrq top() {
    return (Myrq) spec.root().userObject();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  ParameterException usageError(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
