package dev.myrq.cli;

import dev.myrq.core.shell.ExitCodes;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.WorkerInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code myrq workers}: the live workers, as their heartbeats describe them. */
@Command(
    name = "workers",
    description = {
      "List live workers: name, host, pid, queues, current jobs, concurrency, stuck threads, start and last heartbeat.",
      "JOBS shows up to 2 ids, shortened to 8 characters, else a count ('64 jobs'); --json gives every id."
    })
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
          w.name(), w.host(), w.pid(), list(w.queues()), jobs(w.jobs()), w.concurrency(), w.stuck(),
          JobPrinter.time(w.startedAt()), JobPrinter.time(w.lastBeat()), w.version());
    }
    table.print(out());
    return ExitCodes.OK;
  }

  /**
   * Up to {@link #JOBS_SHOWN} job ids, shortened to their first 8 characters (enough to tell them apart); more
   * become a count, so a worker at concurrency 64 keeps one readable line. --json lists every id in full.
   */
  static String jobs(List<String> ids) {
    if (ids.size() > JOBS_SHOWN) {
      return ids.size() + " jobs";
    }
    return list(ids.stream().map(id -> id.length() <= 8 ? id : id.substring(0, 8) + "..").toList());
  }

  static final int JOBS_SHOWN = 2;

  private static String list(List<String> items) {
    return items.isEmpty() ? "-" : String.join(",", items);
  }
}
