package dev.myrq.cli;

import dev.myrq.core.shell.ExitCodes;
import dev.myrq.core.MyrqClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code myrq requeue}: put failed jobs back in their queues and print their ids. */
@Command(
    name = "requeue",
    description = {
      "Put failed or timed-out jobs back in their queues as new (attempts reset) and print their ids.",
      "Exit 3 when a given ID is not a failed job; the others are still requeued."
    })
final class RequeueCommand extends ClientCommand {
  @Parameters(arity = "0..*", paramLabel = "ID", description = "Ids of failed jobs.")
  List<String> ids = new ArrayList<>();

  @Option(names = "--all", description = "Requeue every failed job (of --queue, or of every queue).")
  boolean all;

  @Option(names = "--queue", paramLabel = "NAME", description = "With --all: only this queue.")
  String queue;

  @Mixin JsonMixin json;

  @Override
  void prepare() {
    if (all == !ids.isEmpty()) {
      throw usageError(all ? "give either IDs or --all, not both" : "missing IDs (or --all)");
    }
    if (queue != null && !all) {
      throw usageError("--queue goes with --all");
    }
  }

  @Override
  int run(MyrqClient client) {
    List<String> done = all ? client.requeueAll(queue) : client.requeue(new LinkedHashSet<>(ids));
    if (json.enabled) {
      json.print(done);
    } else {
      done.forEach(out()::println);
    }
    Set<String> missing = new LinkedHashSet<>(ids);
    missing.removeAll(done);
    missing.forEach(id -> err().println("myrq: no failed job: " + id));
    return missing.isEmpty() ? ExitCodes.OK : ExitCodes.NOT_FOUND;
  }
}
