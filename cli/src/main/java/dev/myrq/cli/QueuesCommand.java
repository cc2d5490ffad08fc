package dev.myrq.cli;

import dev.myrq.core.shell.ExitCodes;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.QueueInfo;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myrq queues}: job counts of every queue. */
@Command(
    name = "queues",
    description = {
      "List every queue with its job counts.",
      "queued: waiting for a worker; started: in flight; scheduled: waiting for a time or a retry;",
      "failed and finished: in the registries (kept 7 days, capped);",
      "finished_total and failed_total: every job the queue ever ended (counters, never trimmed)."
    })
final class QueuesCommand extends ClientCommand {
  @Mixin JsonMixin json;

  @Override
  int run(MyrqClient client) {
    print(client.queues(), json, out());
    return ExitCodes.OK;
  }

  /** Print the queues as a table, or as a JSON array when --json is given. */
  static void print(List<QueueInfo> queues, JsonMixin json, PrintWriter out) {
    if (json.enabled) {
      json.print(queues);
      return;
    }
    Table table =
        new Table(
            "QUEUE", "QUEUED", "STARTED", "SCHEDULED", "FAILED", "FINISHED", "FINISHED_TOTAL", "FAILED_TOTAL",
            "STATE");
    for (QueueInfo q : queues) {
      table.row(q.name(), q.queued(), q.started(), q.scheduled(), q.failed(), q.finished(), q.finishedTotal(),
          q.failedTotal(), q.paused() ? "paused" : "active");
    }
    table.print(out);
  }
}
