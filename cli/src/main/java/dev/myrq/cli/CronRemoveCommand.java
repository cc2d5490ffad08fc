package dev.myrq.cli;

import dev.myrq.core.shell.ExitCodes;
import dev.myrq.core.MyrqClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code myrq cron remove NAME}: stop a recurring entry; jobs it already enqueued stay. */
@Command(name = "remove", description = "Remove the recurring entry NAME; exit 3 if there is none. Jobs it already enqueued stay.")
final class CronRemoveCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Name of the entry.")
  String name;

  @Override
  int run(MyrqClient client) {
    client.removeCron(name);
    err().println("recurring entry " + name + " removed");
    return ExitCodes.OK;
  }
}
