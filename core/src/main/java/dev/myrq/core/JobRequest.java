package dev.myrq.core;

import com.google.gson.JsonArray;
import dev.myrq.core.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * What to enqueue: the function, its JSON arguments and options. Immutable; the {@code with*} methods return
 * copies. Null options mean the defaults below. Validated by {@link MyrqClient} at enqueue.
 *
 * @param func fully qualified class name and method, e.g. {@code com.acme.Task.run}
 * @param args JSON array text
 * @param dueAt run no earlier than this; null means now
 * @param delay run no earlier than this long after Redis receives the job (Redis's clock, so no skew); null means
 *     no delay; not together with dueAt
 */
public record JobRequest(
    String func,
    String args,
    String queue,
    Duration timeout,
    Integer retries,
    Duration backoff,
    Instant dueAt,
    Duration delay) {
  /** Queue used when none is given. */
  public static final String DEFAULT_QUEUE = "default";
  /** How long one attempt may run before it is stopped and marked timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);
  /** Retries after the first attempt for a job that throws (so 4 attempts in all). */
  public static final int DEFAULT_RETRIES = 3;
  /** Base of the exponential backoff: retry n waits a random time up to base * 2^(n-1) (full jitter). */
  public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(10);

  public JobRequest {
    Objects.requireNonNull(func, "func");
    Objects.requireNonNull(args, "args");
  }

  /** Describe a call of {@code func} with these arguments, converted to JSON by Gson. */
  public static JobRequest of(String func, Object... args) {
    JsonArray array = Json.GSON.toJsonTree(Arrays.asList(args)).getAsJsonArray();
    return ofJson(func, array.toString());
  }

  /** Describe a call of {@code func} with a JSON array text of arguments. */
  public static JobRequest ofJson(String func, String argsJson) {
    return new JobRequest(func, argsJson, null, null, null, null, null, null);
  }

  public JobRequest withQueue(String q) {
    return new JobRequest(func, args, q, timeout, retries, backoff, dueAt, delay);
  }

  public JobRequest withTimeout(Duration t) {
    return new JobRequest(func, args, queue, t, retries, backoff, dueAt, delay);
  }

  public JobRequest withRetries(int r) {
    return new JobRequest(func, args, queue, timeout, r, backoff, dueAt, delay);
  }

  public JobRequest withBackoff(Duration b) {
    return new JobRequest(func, args, queue, timeout, retries, b, dueAt, delay);
  }

  public JobRequest withDueAt(Instant at) {
    return new JobRequest(func, args, queue, timeout, retries, backoff, at, null);
  }

  /** Run no earlier than {@code d} after Redis receives the job, measured on Redis's clock. */
  public JobRequest withDelay(Duration d) {
    return new JobRequest(func, args, queue, timeout, retries, backoff, null, d);
  }

  /** The queue, or {@link #DEFAULT_QUEUE}. */
  public String queueOrDefault() {
    return queue == null ? DEFAULT_QUEUE : queue;
  }
}
