package dev.myrq.cli;

import dev.myrq.core.shell.ExitCodes;
import com.google.gson.JsonArray;
import dev.myrq.core.Job;
import dev.myrq.core.MyrqClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code myrq failed}: the newest failed and timed-out jobs, one line each. */
@Command(
    name = "failed",
    description = "List the newest failed and timed-out jobs, newest first: id, func, error, end time.")
final class FailedCommand extends ClientCommand {
  static final int DEFAULT_LIMIT = 50;

  @Option(names = "--queue", paramLabel = "NAME", description = "Only this queue. Default: every queue.")
  String queue;

  @Option(names = "--limit", paramLabel = "N", description = "At most N jobs. Default: " + DEFAULT_LIMIT + ".")
  int limit = DEFAULT_LIMIT;

  @Mixin JsonMixin json;

  @Override
  void prepare() {
    if (limit < 1) {
      throw usageError("--limit must be 1 or more, got " + limit);
    }
  }

  @Override
  int run(MyrqClient client) {
    List<Job> jobs = client.failed(queue, limit);
    if (json.enabled) {
      JsonArray array = new JsonArray();
      jobs.forEach(j -> array.add(JobPrinter.json(j)));
      json.print(array);
      return ExitCodes.OK;
    }
    Table table = new Table("ID", "FUNC", "ERROR", "ENDED");
    for (Job j : jobs) {
      String error = j.expired() ? "(expired)" : j.error();
      table.row(j.id(), j.func(), error, JobPrinter.time(j.endedAt()));
    }
    table.print(out());
    return ExitCodes.OK;
  }
}
