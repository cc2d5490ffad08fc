package dev.myrq.core;

import java.time.Duration;
import java.util.List;

/**
 * The names of a job's fields on the wire: in its Redis hash and in the JSON the CLI prints. Times are epoch
 * milliseconds in the hash, durations seconds. Core's storage reads and writes the hash with these names only.
 */
public final class JobFields {
  /** Fully qualified class name and method name, e.g. com.acme.Task.run. */
  public static final String FUNC = "func";
  /** JSON array of arguments. */
  public static final String ARGS = "args";
  /** Status word: scheduled queued started finished failed timeout canceled. */
  public static final String STATUS = "status";
  public static final String CREATED_AT = "created_at";
  /** Last time the job entered its queue; absent means created_at. */
  public static final String ENQUEUED_AT = "enqueued_at";
  /** When a scheduled job becomes due. */
  public static final String DUE_AT = "due_at";
  public static final String STARTED_AT = "started_at";
  public static final String ENDED_AT = "ended_at";
  /** Seconds one attempt may run; absent means the worker's default. */
  public static final String TIMEOUT = "timeout";
  /** Retries after the first attempt; absent means the worker's default. */
  public static final String RETRIES = "retries";
  /** Backoff base in seconds; absent means the worker's default. */
  public static final String BACKOFF = "backoff";
  /** Attempts started so far. */
  public static final String ATTEMPT = "attempt";
  /** Times the job's worker died (lease expired) while running it. */
  public static final String CRASHES = "crashes";
  /** Name of the worker that runs or ran the job. */
  public static final String WORKER = "worker";
  /** Lease token of the current attempt; only while started. */
  public static final String LEASE = "lease";
  public static final String RESULT = "result";
  /** One line: exception class and message. */
  public static final String ERROR = "error";
  /** Full stack trace of the error. */
  public static final String EXC_INFO = "exc_info";
  /** Set (to 1) while someone waits for the job's end: the step that ends it publishes its id. */
  public static final String NOTIFY = "notify";
  /** JSON array of attempts that did not finish. */
  public static final String HISTORY = "history";
  /** JSON object of named arguments. */
  public static final String KWARGS = "kwargs";
  /** -10 to 10, higher runs first; absent means 0. Read by the Lua steps to put a job back in its level. */
  public static final String PRIORITY = "priority";
  /** Redis key of the job's unique lock; written by the enqueue script, read by the steps that end a job. */
  public static final String UNIQUE_KEY = "unique_key";

  /** Every field, in the order README.md's table lists them. */
  public static final List<String> FIELDS =
      List.of(
          FUNC, ARGS, STATUS, CREATED_AT, ENQUEUED_AT, DUE_AT, STARTED_AT, ENDED_AT, TIMEOUT, RETRIES,
          BACKOFF, ATTEMPT, CRASHES, WORKER, LEASE, RESULT, ERROR, EXC_INFO, NOTIFY, HISTORY, KWARGS, PRIORITY,
          UNIQUE_KEY);

  /** Fields of one entry of the {@link #HISTORY} array (reap.lua writes the same for a crashed attempt). */
  public static final class History {
    public static final String ATTEMPT = "attempt";
    public static final String WORKER = "worker";
    public static final String STARTED_AT = "started_at";
    public static final String ENDED_AT = "ended_at";
    /** failed, timeout or crashed. */
    public static final String OUTCOME = "outcome";
    public static final String ERROR = "error";

    private History() {}

    /** One entry as JSON: times in epoch ms. */
    public static String json(
        int attempt, String worker, long startedAt, long endedAt, String outcome, String error) {
      com.google.gson.JsonObject o = new com.google.gson.JsonObject();
      o.addProperty(ATTEMPT, attempt);
      o.addProperty(WORKER, worker);
      o.addProperty(STARTED_AT, startedAt);
      o.addProperty(ENDED_AT, endedAt);
      o.addProperty(OUTCOME, outcome);
      o.addProperty(ERROR, error);
      return o.toString();
    }
  }

  /** Seconds as the hash stores them: an integer when whole, else a decimal. */
  public static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0);
  }

  private JobFields() {}
}
