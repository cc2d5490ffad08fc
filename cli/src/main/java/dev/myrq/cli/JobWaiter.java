package dev.myrq.cli;

import dev.myrq.core.shell.Durations;
import dev.myrq.core.shell.ExitCodes;
import dev.myrq.core.Job;
import dev.myrq.core.MyrqClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Waits for jobs to end and prints each: its result JSON (or, with --json, the whole job) on stdout, a failure on
 * stderr. The exit code says how they ended: 0 all finished, else the largest of 5 failed, 6 timeout, 7
 * canceled, 8 not ended in time.
 */
final class JobWaiter {
  /** How long "no timeout" waits: long enough never to matter, short enough not to overflow nanoseconds. */
  static final Duration FOREVER = Duration.ofDays(3650);

  private final MyrqClient client;
  private final PrintWriter out;
  private final PrintWriter err;
  private final JsonMixin json;

  JobWaiter(MyrqClient client, PrintWriter out, PrintWriter err, JsonMixin json) {
    this.client = client;
    this.out = out;
    this.err = err;
    this.json = json;
  }

  /** Wait for every job, all within {@code max} (null: no limit); return the exit code. */
  int await(List<String> ids, Duration max) throws InterruptedException {
    Duration limit = max == null ? FOREVER : max;
    long deadline = System.nanoTime() + limit.toNanos();
    int code = ExitCodes.OK;
    for (String id : ids) {
      Optional<Job> ended = client.await(id, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      code = Math.max(code, ended.isPresent() ? print(ended.get()) : notEnded(id, limit));
    }
    return code;
  }

  private int print(Job job) {
    if (json.enabled) {
      json.print(JobPrinter.json(job));
    }
    switch (job.status()) {
      case FINISHED:
        if (job.expired()) {
          err.println("myrq: job " + job.id() + " finished; its result has expired");
        } else if (!json.enabled) {
          out.println(job.result() == null ? "null" : job.result());
        }
        return ExitCodes.OK;
      case CANCELED:
        err.println("myrq: job " + job.id() + " was canceled");
        return ExitCodes.JOB_CANCELED;
      case TIMEOUT:
        err.println("myrq: job " + job.id() + " timed out: " + orNone(job.error()));
        return ExitCodes.JOB_TIMED_OUT;
      default:
        err.println("myrq: job " + job.id() + " failed: " + orNone(job.error()));
        return ExitCodes.JOB_FAILED;
    }
  }

  private int notEnded(String id, Duration limit) {
    String status = client.job(id).status().word();
    err.println("myrq: job " + id + " did not end within " + Durations.format(limit) + " (still " + status + ")");
    return ExitCodes.WAIT_TIMED_OUT;
  }

  private static String orNone(String error) {
    return error == null ? "(no error recorded)" : error;
  }
}
