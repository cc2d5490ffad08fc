package dev.myrq.cli;

import dev.myrq.core.MyrqClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code myrq status ID}: the job's status word. */
@Command(
    name = "status",
    description = {
      "Print the status of a job: queued, scheduled, started, finished, failed or timeout.",
      "A job whose record expired prints e.g. 'finished (result expired)'."
    })
final class StatusCommand extends ClientCommand {
  @Parameters(paramLabel = "ID", description = "Job id, as enqueue printed it.")
  String id;

  @Override
  int run(MyrqClient client) {
    out().println(JobPrinter.status(client.job(id)));
    return ExitCodes.OK;
  }
}
