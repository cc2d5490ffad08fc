package dev.myrq.cli;

import dev.myrq.core.shell.ExitCodes;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.PurgeTarget;
import dev.myrq.core.QueueInfo;
import dev.myrq.core.QueueNotFoundException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code myrq purge QUEUE [--failed|--finished] [--yes]}: delete a queue's waiting jobs, or one registry. */
@Command(
    name = "purge",
    description = {
      "Delete a queue's waiting jobs, or its failed or finished ones; print how many.",
      "Without options: queued and scheduled jobs; --failed: failed and timed-out jobs; --finished: finished",
      "jobs. Running jobs are never touched. Asks first (y/N on stdin); --yes does not ask, for scripts.",
      "Exit 2 when not confirmed, 3 for an unknown queue."
    })
final class PurgeCommand extends ClientCommand {
  @Parameters(paramLabel = "QUEUE", description = "Queue name.")
  String queue;

  static final class Target {
    @Option(names = "--failed", description = "Delete the failed and timed-out jobs instead.")
    boolean failed;

    @Option(names = "--finished", description = "Delete the finished jobs (and their results) instead.")
    boolean finished;
  }

  @ArgGroup(exclusive = true)
  Target target = new Target();

  @Option(names = {"--yes", "-y"}, description = "Do not ask for confirmation.")
  boolean yes;

  @Mixin JsonMixin json;

  @Override
  int run(MyrqClient client) throws IOException {
    PurgeTarget what = target.failed ? PurgeTarget.FAILED : target.finished ? PurgeTarget.FINISHED : PurgeTarget.WAITING;
    if (!yes && !confirmed(client, what)) {
      err().println("myrq: purge not confirmed; nothing deleted (--yes skips the question)");
      return ExitCodes.BAD_INPUT;
    }
    long n = client.purge(queue, what);
    if (json.enabled) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("queue", queue);
      o.put("target", what.name().toLowerCase(Locale.ROOT));
      o.put("deleted", n);
      json.print(o);
    } else {
      out().println(n);
    }
    return ExitCodes.OK;
  }

  private boolean confirmed(MyrqClient client, PurgeTarget what) throws IOException {
    QueueInfo q =
        client.queues().stream()
            .filter(i -> i.name().equals(queue))
            .findFirst()
            .orElseThrow(() -> new QueueNotFoundException(queue));
    long count =
        switch (what) {
          case WAITING -> q.queued() + q.scheduled();
          case FAILED -> q.failed();
          case FINISHED -> q.finished();
        };
    String kind = what == PurgeTarget.WAITING ? "waiting" : what.name().toLowerCase(Locale.ROOT);
    err().print("Delete " + count + " " + kind + " job(s) of queue " + queue + "? [y/N] ");
    err().flush();
    String answer = new BufferedReader(new InputStreamReader(top().stdin(), StandardCharsets.UTF_8)).readLine();
    return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
  }
}
