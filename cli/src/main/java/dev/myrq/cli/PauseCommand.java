package dev.myrq.cli;

import dev.myrq.core.shell.ExitCodes;
import dev.myrq.core.MyrqClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code myrq pause QUEUE}: workers stop leasing jobs from the queue; running jobs go on. */
@Command(
    name = "pause",
    description = {
      "Pause a queue: workers take no new job from it.",
      "Running jobs finish; jobs can still be enqueued. 'myrq queues' shows it as paused until",
      "'myrq resume QUEUE'. Exit 3 for an unknown queue."
    })
final class PauseCommand extends ClientCommand {
  @Parameters(paramLabel = "QUEUE", description = "Queue name.")
  String queue;

  @Mixin JsonMixin json;

  @Override
  int run(MyrqClient client) {
    client.pause(queue);
    QueueStateLine.print(queue, true, json, out());
    return ExitCodes.OK;
  }
}
