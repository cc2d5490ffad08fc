package dev.myrq.cli;

import dev.myrq.core.shell.ExitCodes;
import dev.myrq.core.shell.Durations;
import dev.myrq.core.CronEntry;
import dev.myrq.core.CronSchedule;
import dev.myrq.core.InvalidJobException;
import dev.myrq.core.JobRequest;
import dev.myrq.core.MyrqClient;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code myrq cron add NAME CRON FUNC [ARG...]}: add or replace a recurring entry. */
@Command(
    name = "add",
    description = "Add a recurring entry NAME (or replace it): at each tick of CRON, enqueue a call of FUNC with ARGs.",
    footer = {
      "%nExamples:",
      "  myrq cron add nightly-report '30 2 * * *' com.acme.Task.run report --tz Europe/Paris",
      "  myrq cron add every-5-min '*/5 * * * *' com.acme.Task.add 1 2 --queue low --timeout 1m"
    })
final class CronAddCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Name of the entry: letters, digits, _ . : -")
  String name;

  @Parameters(index = "1", paramLabel = "CRON", description = "5 fields: minute hour day-of-month month day-of-week.")
  String cron;

  @Parameters(index = "2", paramLabel = "FUNC", description = "Class and method, e.g. com.acme.Task.add.")
  String func;

  @Parameters(index = "3..*", paramLabel = "ARG", description = "Arguments of each call, as for enqueue.")
  List<String> words = new ArrayList<>();

  @Option(names = "--queue", paramLabel = "NAME", description = "Queue of each tick's job. Default: default.")
  String queue;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class,
      description = "How long one attempt may run. Default: the worker's (3m).")
  Duration timeout;

  @Option(names = "--tz", paramLabel = "ZONE", description = "Time zone CRON is read in, e.g. Europe/Paris. Default: UTC.")
  String tz;

  @Option(names = "--args-json", paramLabel = "JSON", description = "The arguments as one JSON array, instead of ARGs.")
  String argsJson;

  @Option(names = "--kw", paramLabel = "NAME=VALUE", description = "A named argument, as for enqueue; repeatable.")
  List<String> kw = new ArrayList<>();

  private CronEntry entry;

  @Override
  void prepare() {
    if (argsJson != null && !words.isEmpty()) {
      throw usageError("--args-json cannot be combined with ARGs");
    }
    CronSchedule schedule = CronSchedule.parse(cron, zone());
    JobRequest job = JobRequest.ofJson(func, argsJson != null ? argsJson : JsonArgs.fromWords(words)).withQueue(queue);
    job = timeout == null ? job : job.withTimeout(timeout);
    job = kw.isEmpty() ? job : job.withKwargsJson(JsonArgs.kwargsFromWords(kw));
    entry = CronEntry.of(name, schedule, job);
    MyrqClient.validateCron(entry);
  }

  private ZoneId zone() {
    if (tz == null) {
      return ZoneId.of("UTC");
    }
    try {
      return ZoneId.of(tz);
    } catch (DateTimeException e) {
      throw new InvalidJobException("time zone '" + tz + "' is not known; use a name such as Europe/Paris or UTC");
    }
  }

  @Override
  int run(MyrqClient client) {
    CronEntry stored = client.addCron(entry);
    err().println("recurring entry " + stored.name() + " added; next tick "
        + stored.schedule().nextTick(stored.addedAt()).map(Object::toString).orElse("never"));
    return ExitCodes.OK;
  }
}
