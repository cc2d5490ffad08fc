package dev.myrq.cli;

import dev.myrq.core.shell.Durations;
import dev.myrq.core.MyrqClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code myrq wait ID...}: block until the jobs end; print their results. */
@Command(
    name = "wait",
    description = {
      "Wait until each job ends and print its result JSON, one line per job (--json: the whole job).",
      "Waiting sends Redis nothing until a job ends: its end is published to this command.",
      "Exit 0 when every job finished, else the largest of: 5 failed, 6 timed out, 7 canceled, 8 --timeout",
      "passed first."
    })
final class WaitCommand extends ClientCommand {
  @Parameters(arity = "1..*", paramLabel = "ID", description = "Job ids.")
  List<String> ids = new ArrayList<>();

  @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class,
      description = "Give up after this long, for all the jobs together (exit 8). Default: wait as long as it takes.")
  Duration timeout;

  @Mixin JsonMixin json;

  @Override
  int run(MyrqClient client) throws InterruptedException {
    return new JobWaiter(client, out(), err(), json).await(ids, timeout);
  }
}
