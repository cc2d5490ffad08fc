package dev.myrq.cli;

import dev.myrq.core.MyrqClient;
import dev.myrq.core.WorkerInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myrq workers}: the live workers, as their heartbeats describe them. */
@Command(
    name = "workers",
    description = "List live workers: name, host, pid, queues, current jobs, concurrency, stuck threads, start and last heartbeat.")
final class WorkersCommand extends ClientCommand {
  @Mixin JsonMixin json;

  @Override
  int run(MyrqClient client) {
    List<WorkerInfo> workers = client.workers();
    if (json.enabled) {
      json.print(workers);
      return ExitCodes.OK;
    }
    Table table =
        new Table("NAME", "HOST", "PID", "QUEUES", "JOBS", "CONCURRENCY", "STUCK", "STARTED", "LAST_BEAT", "VERSION");
    for (WorkerInfo w : workers) {
      table.row(
          w.name(), w.host(), w.pid(), list(w.queues()), list(w.jobs()), w.concurrency(), w.stuck(),
          JobPrinter.time(w.startedAt()), JobPrinter.time(w.lastBeat()), w.version());
    }
    table.print(out());
    return ExitCodes.OK;
  }

  private static String list(List<String> items) {
    return items.isEmpty() ? "-" : String.join(",", items);
  }
}
