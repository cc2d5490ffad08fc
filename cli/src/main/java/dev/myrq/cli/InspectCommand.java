package dev.myrq.cli;

import dev.myrq.core.shell.ExitCodes;
import dev.myrq.core.Job;
import dev.myrq.core.MyrqClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code myrq inspect [ID]}: every field of a job, or without an id the queues. */
@Command(
    name = "inspect",
    description = {
      "Print every field of a job: times in ISO-8601 UTC, result, error, stack trace and attempt history.",
      "Without ID, list the queues as 'myrq queues' does."
    })
final class InspectCommand extends ClientCommand {
  @Parameters(arity = "0..1", paramLabel = "ID", description = "Job id, as enqueue printed it.")
  String id;

  @Mixin JsonMixin json;

  @Override
  int run(MyrqClient client) {
    if (id == null) {
      QueuesCommand.print(client.queues(), json, out());
      return ExitCodes.OK;
    }
    Job job = client.job(id);
    if (json.enabled) {
      json.print(JobPrinter.json(job));
    } else {
      JobPrinter.print(job, out());
    }
    return ExitCodes.OK;
  }
}
