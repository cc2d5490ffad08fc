package dev.myrq.tools.chaos;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The Redis a chaos run works against, and the one fault it injects there half way through, besides the worker
 * kills: {@link RedisHost} (one server, restarted) or {@link ClusterHost} (3 masters, a busy queue's slot moved).
 */
interface RedisTarget {
  void start() throws IOException, InterruptedException;

  /** Stop every redis-server this target started; safe to call twice. */
  void stop();

  /** The URL the client and the workers connect to. */
  String url();

  /** One line for the log: where Redis listens and keeps its data. */
  String describe();

  /** The queues the jobs are spread over, round robin. */
  List<String> queues();

  /** The report's name for the fault, plural: "Redis restarts", "slot moves". */
  String faultName();

  /** Inject the fault once and say what happened. */
  Fault injectFault() throws Exception;

  /** An injected fault: how long it took, and one line for the log and the report. */
  record Fault(Duration took, String detail) {}
}
