package dev.myrq.cli;

import dev.myrq.core.Job;
import dev.myrq.core.shell.ExitCodes;
import dev.myrq.core.MyrqClient;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code myrq status ID}: the job's status word. */
@Command(
    name = "status",
    description = {
      "Print the status of a job: queued, scheduled, started, finished, failed, timeout or canceled.",
      "A job whose record expired prints e.g. 'finished (result expired)'."
    })
final class StatusCommand extends ClientCommand {
  @Parameters(paramLabel = "ID", description = "Job id, as enqueue printed it.")
  String id;

  @Mixin JsonMixin json;

  @Override
  int run(MyrqClient client) {
    Job job = client.job(id);
    if (json.enabled) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("id", job.id());
      o.put("status", job.status().word());
      o.put("expired", job.expired());
      json.print(o);
    } else {
      out().println(JobPrinter.status(job));
    }
    return ExitCodes.OK;
  }
}
