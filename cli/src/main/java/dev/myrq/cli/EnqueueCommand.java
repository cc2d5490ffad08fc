package dev.myrq.cli;

import dev.myrq.core.shell.ExitCodes;
import dev.myrq.core.shell.Durations;
import dev.myrq.core.InvalidConfigException;
import dev.myrq.core.JobRequest;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.JobFields;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code myrq enqueue}: put one job, or a file of jobs, on a queue and print the new ids. */
@Command(
    name = "enqueue",
    description = {
      "Enqueue a call of FUNC with ARGs and print the new job's id (only the id, on stdout).",
      "Each ARG that is JSON (5, true, null, \"text\", [1,2], {\"a\":1}) is that value; any other ARG is a string."
    },
    footer = {
      "%nExamples:",
      "  myrq enqueue com.acme.Task.add 2 3",
      "  id=$(myrq enqueue --queue slow --in 10m --timeout 30s com.acme.Task.sleep 5)",
      "  myrq enqueue com.acme.Task.keys '{\"a\":1}'     # args [{\"a\":1}]",
      "  myrq enqueue com.acme.Task.run hello '\"42\"'   # args [\"hello\",\"42\"]",
      "  myrq enqueue --args-json '[\"hello\"]' com.acme.Task.greet",
      "  myrq enqueue --wait --wait-timeout 1m com.acme.Task.add 2 3   # prints 5 when it finished",
      "  myrq enqueue --priority 5 com.acme.Task.add 1 2",
      "  myrq enqueue --unique-key report-42 --unique-for 10m com.acme.Task.sleep 5",
      "  myrq enqueue com.acme.Task.welcome --kw name=Ann --kw greeting=hi",
      "  myrq enqueue com.acme.Task.welcome --kwargs-json '{\"name\":\"Ann\",\"greeting\":\"hi\"}'",
      "  myrq enqueue --from jobs.jsonl",
      "    where each line is e.g. {\"func\":\"com.acme.Task.add\",\"args\":[1,2]}"
    })
final class EnqueueCommand extends ClientCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "FUNC",
      description = "Class and method, e.g. com.acme.Task.add.")
  String func;

  @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments of the call.")
  List<String> words = new ArrayList<>();

  @Option(names = "--queue", paramLabel = "NAME", description = "Queue to use. Default: default.")
  String queue;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class,
      description = "How long one attempt may run, e.g. 30s, 10m, 1.5. Default: the worker's (3m).")
  Duration timeout;

  @Option(names = "--retries", paramLabel = "N",
      description = "Retries after a failed attempt. Default: the worker's (3).")
  Integer retries;

  @Option(names = "--backoff", paramLabel = "DURATION", converter = Durations.class,
      description = "Backoff base: retry n waits up to base * 2^(n-1). Default: the worker's (10s).")
  Duration backoff;

  @Option(names = "--in", paramLabel = "DURATION", converter = Durations.class,
      description = "Run no earlier than this long from now.")
  Duration in;

  @Option(names = "--at", paramLabel = "TIME", converter = InstantParser.class,
      description = "Run no earlier than this ISO-8601 time, e.g. 2030-01-31T09:00:00Z.")
  Instant at;

  @Option(names = "--args-json", paramLabel = "JSON", description = "The arguments as one JSON array, instead of ARGs.")
  String argsJson;

  @Option(names = "--kw", paramLabel = "NAME=VALUE",
      description = "A named argument, bound to the parameter of that name (VALUE read as an ARG is); repeatable. "
          + "The job's jar must be compiled with javac -parameters.")
  List<String> kw = new ArrayList<>();

  @Option(names = "--kwargs-json", paramLabel = "JSON", description = "The named arguments as one JSON object, instead of --kw.")
  String kwargsJson;

  @Option(names = "--priority", paramLabel = "N",
      description = "-10 to 10: waiting jobs of higher priority in the queue run first, FIFO within one. Default: 0.")
  Integer priority;

  @Option(names = "--unique-key", paramLabel = "KEY",
      description = "While a job enqueued with KEY in this queue is queued, scheduled or started, print its id "
          + "instead of enqueueing another (exit 0).")
  String uniqueKey;

  @Option(names = "--unique-for", paramLabel = "DURATION", converter = Durations.class,
      description = "Hold the unique key at most this long, even if the job has not ended. Default: until it ends.")
  Duration uniqueFor;

  @Option(names = "--from", paramLabel = "FILE",
      description = "Enqueue one job per line of FILE (- for stdin), each a JSON object with func and optionally "
          + "args, queue, timeout, retries, backoff; the options above fill in what a line leaves out. "
          + "Prints one id per line; one bad line and nothing is enqueued.")
  String from;

  @Option(names = "--wait",
      description = "Wait until the job ends, then print its result JSON instead of its id (exit 0 when it "
          + "finished, 5 failed, 6 timed out, 7 canceled).")
  boolean await;

  @Option(names = "--wait-timeout", paramLabel = "DURATION", converter = Durations.class,
      description = "With --wait: give up after this long (exit 8; the job goes on). Default: no limit.")
  Duration waitTimeout;

  @Mixin JsonMixin json;

  private List<JobRequest> requests;

  @Override
  void prepare() {
    if (waitTimeout != null && !await) {
      throw usageError("--wait-timeout goes with --wait");
    }
    if (await && from != null) {
      throw usageError("--wait waits for one job; it cannot be combined with --from");
    }
    if (in != null && at != null) {
      throw usageError("--in and --at cannot be combined");
    }
    if (argsJson != null && !words.isEmpty()) {
      throw usageError("--args-json cannot be combined with ARGs");
    }
    if (kwargsJson != null && !kw.isEmpty()) {
      throw usageError("--kwargs-json cannot be combined with --kw");
    }
    if (uniqueFor != null && uniqueKey == null) {
      throw usageError("--unique-for needs --unique-key");
    }
    if (from != null) {
      if (func != null || argsJson != null) {
        throw usageError("--from cannot be combined with FUNC, ARGs or --args-json");
      }
      requests = readFrom(from);
    } else if (func == null) {
      throw usageError("missing FUNC (or --from FILE)");
    } else {
      String args = argsJson != null ? argsJson : JsonArgs.fromWords(words);
      JobRequest request = withOptions(JobRequest.ofJson(func, args));
      MyrqClient.validate(request);
      requests = List.of(request);
    }
  }

  @Override
  int run(MyrqClient client) throws InterruptedException {
    List<String> ids = from != null ? client.enqueueMany(requests) : List.of(client.enqueue(requests.get(0)));
    if (await) {
      return new JobWaiter(client, out(), err(), json).await(ids, waitTimeout);
    }
    if (json.enabled) {
      json.print(from != null ? ids : Map.of("id", ids.get(0)));
    } else {
      ids.forEach(out()::println);
    }
    return ExitCodes.OK;
  }

  private List<JobRequest> readFrom(String file) {
    try (BufferedReader reader = open(file)) {
      return JobLines.read(reader, this::withOptions);
    } catch (NoSuchFileException e) {
      throw new InvalidConfigException("no such file: " + file);
    } catch (IOException e) {
      throw new InvalidConfigException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private BufferedReader open(String file) throws IOException {
    if (file.equals("-")) {
      return new BufferedReader(new InputStreamReader(top().stdin(), StandardCharsets.UTF_8));
    }
    return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
  }

  /** Apply the options to what the request leaves out. */
  private JobRequest withOptions(JobRequest r) {
    r = r.queue() == null ? r.withQueue(queue) : r;
    r = r.timeout() == null && timeout != null ? r.withTimeout(timeout) : r;
    r = r.retries() == null && retries != null ? r.withRetries(retries) : r;
    r = r.backoff() == null && backoff != null ? r.withBackoff(backoff) : r;
    r = r.priority() == null && priority != null ? r.withPriority(priority) : r;
    r = r.uniqueKey() == null && uniqueKey != null ? r.withUniqueKey(uniqueKey) : r;
    r = r.uniqueFor() == null && uniqueFor != null ? r.withUniqueFor(uniqueFor) : r;
    if (r.kwargs() == null && (kwargsJson != null || !kw.isEmpty())) {
      r = r.withKwargsJson(kwargsJson != null ? kwargsJson : JsonArgs.kwargsFromWords(kw));
    }
    if (in != null) {
      return r.withDelay(in);
    }
    return at != null ? r.withDueAt(at) : r;
  }
}
