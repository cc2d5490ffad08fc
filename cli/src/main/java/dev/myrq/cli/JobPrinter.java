package dev.myrq.cli;

import com.google.gson.JsonObject;
import dev.myrq.core.Job;
import dev.myrq.core.JobStatus;
import dev.myrq.core.JobFields;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/** Formats a job for a person ({@link #print}) or as one JSON object ({@link #json}). */
final class JobPrinter {
  private static final String LABEL = "%-10s %s%n";
  private static final String WORKER_DEFAULT = "- (worker default)";

  private JobPrinter() {}

  /** The status word, noting when only the job's registry record is left: {@code finished (result expired)}. */
  static String status(Job job) {
    if (!job.expired()) {
      return job.status().word();
    }
    return job.status().word() + (job.status() == JobStatus.FINISHED ? " (result expired)" : " (expired)");
  }

  /** Print every field of the job, one per line; the stack trace and history follow, indented. */
  static void print(Job job, PrintWriter out) {
    out.printf(LABEL, "id", job.id());
    out.printf(LABEL, "queue", job.queue());
    out.printf(LABEL, "func", orDash(job.func()));
    out.printf(LABEL, "args", orDash(job.args()));
    if (job.kwargs() != null) {
      out.printf(LABEL, "kwargs", job.kwargs());
    }
    if (job.priority() != 0) {
      out.printf(LABEL, "priority", job.priority());
    }
    out.printf(LABEL, "status", status(job));
    out.printf(LABEL, "created", time(job.createdAt()));
    out.printf(LABEL, "enqueued", time(job.enqueuedAt()));
    out.printf(LABEL, "due", time(job.dueAt()));
    out.printf(LABEL, "started", time(job.startedAt()));
    out.printf(LABEL, "ended", time(job.endedAt()));
    out.printf(LABEL, "timeout", job.timeout() == null ? WORKER_DEFAULT : seconds(job.timeout()));
    out.printf(LABEL, "retries", job.retries() < 0 ? WORKER_DEFAULT : Integer.toString(job.retries()));
    out.printf(LABEL, "backoff", job.backoff() == null ? WORKER_DEFAULT : seconds(job.backoff()));
    out.printf(LABEL, "attempt", job.attempt());
    out.printf(LABEL, "crashes", job.crashes());
    out.printf(LABEL, "worker", orDash(job.worker()));
    out.printf(LABEL, "result", orDash(job.result()));
    out.printf(LABEL, "error", orDash(job.error()));
    block(out, "exc_info", job.excInfo());
    block(out, "history", job.history() == null ? null : HistoryText.of(job.history()));
  }

  /**
   * The job as JSON: hash field names, times as ISO-8601 UTC, durations in seconds, args, result and history as
   * JSON values (as strings when stored malformed). Absent fields are left out.
   */
  static JsonObject json(Job job) {
    JsonObject o = new JsonObject();
    o.addProperty("id", job.id());
    o.addProperty("queue", job.queue());
    o.addProperty(JobFields.FUNC, job.func());
    add(o, JobFields.ARGS, job.args());
    add(o, JobFields.KWARGS, job.kwargs());
    o.addProperty(JobFields.PRIORITY, job.priority());
    o.addProperty(JobFields.STATUS, job.status().word());
    o.addProperty("expired", job.expired());
    o.addProperty(JobFields.CREATED_AT, iso(job.createdAt()));
    o.addProperty(JobFields.ENQUEUED_AT, iso(job.enqueuedAt()));
    o.addProperty(JobFields.DUE_AT, iso(job.dueAt()));
    o.addProperty(JobFields.STARTED_AT, iso(job.startedAt()));
    o.addProperty(JobFields.ENDED_AT, iso(job.endedAt()));
    addSeconds(o, JobFields.TIMEOUT, job.timeout());
    o.addProperty(JobFields.RETRIES, job.retries() < 0 ? null : job.retries());
    addSeconds(o, JobFields.BACKOFF, job.backoff());
    o.addProperty(JobFields.ATTEMPT, job.attempt());
    o.addProperty(JobFields.CRASHES, job.crashes());
    o.addProperty(JobFields.WORKER, job.worker());
    add(o, JobFields.RESULT, job.result());
    o.addProperty(JobFields.ERROR, job.error());
    o.addProperty(JobFields.EXC_INFO, job.excInfo());
    add(o, JobFields.HISTORY, job.history());
    o.entrySet().removeIf(e -> e.getValue().isJsonNull() && !e.getKey().equals(JobFields.RESULT));
    return o;
  }

  /** An instant as ISO-8601 UTC, or "-". */
  static String time(Instant t) {
    return t == null ? "-" : t.toString();
  }

  private static void add(JsonObject o, String field, String jsonText) {
    if (jsonText != null) {
      o.add(field, JsonArgs.value(jsonText));
    }
  }

  private static void block(PrintWriter out, String label, String text) {
    if (text == null || text.isBlank()) {
      out.printf(LABEL, label, "-");
      return;
    }
    out.println(label);
    text.strip().lines().forEach(line -> out.println("  " + line));
  }

  private static String iso(Instant t) {
    return t == null ? null : t.toString();
  }

  private static String seconds(Duration d) {
    return JobFields.seconds(d) + "s";
  }

  private static void addSeconds(JsonObject o, String field, Duration d) {
    if (d != null) {
      o.add(field, JsonArgs.value(JobFields.seconds(d)));
    }
  }

  private static String orDash(Object value) {
    return value == null ? "-" : value.toString();
  }
}
