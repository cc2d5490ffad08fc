package dev.myrq.cli;

import dev.myrq.core.shell.ExitCodes;
import dev.myrq.core.MyrqClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code myrq resume QUEUE}: workers lease jobs from the queue again. */
@Command(
    name = "resume",
    description = "Resume a paused queue: its workers lease jobs from it again at once. Exit 3 for an unknown queue.")
final class ResumeCommand extends ClientCommand {
  @Parameters(paramLabel = "QUEUE", description = "Queue name.")
  String queue;

  @Mixin JsonMixin json;

  @Override
  int run(MyrqClient client) {
    client.resume(queue);
    QueueStateLine.print(queue, false, json, out());
    return ExitCodes.OK;
  }
}
