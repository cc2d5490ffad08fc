package dev.myrq.core;

import com.google.gson.JsonArray;
import dev.myrq.core.json.Json;
import dev.myrq.core.json.PlainJson;
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
 * @param kwargs JSON object text of named arguments, bound by parameter name; null means none
 * @param priority from {@link #MIN_PRIORITY} to {@link #MAX_PRIORITY}, higher runs first; null means 0
 * @param uniqueKey while a job enqueued with this key in the same queue is queued, scheduled or started, enqueue
 *     returns that job's id and writes nothing; null means not unique
 * @param uniqueFor the unique lock lasts at most this long; null means until the job ends
 */
public record JobRequest(
    String func,
    String args,
    String queue,
    Duration timeout,
    Integer retries,
    Duration backoff,
    Instant dueAt,
    Duration delay,
    String kwargs,
    Integer priority,
    String uniqueKey,
    Duration uniqueFor) {
  /** Queue used when none is given. */
  public static final String DEFAULT_QUEUE = "default";
  /** How long one attempt may run before it is stopped and marked timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);
  /** Retries after the first attempt for a job that throws (so 4 attempts in all). */
  public static final int DEFAULT_RETRIES = 3;
  /** Base of the exponential backoff: retry n waits a random time up to base * 2^(n-1) (full jitter). */
  public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(10);
  /** Lowest and highest priority; a job without one has 0. */
  public static final int MIN_PRIORITY = -10;
  public static final int MAX_PRIORITY = 10;

  public JobRequest {
    Objects.requireNonNull(func, "func");
    Objects.requireNonNull(args, "args");
  }

  /** Describe a call of {@code func} with these arguments, converted to JSON by Gson. */
  public static JobRequest of(String func, Object... args) {
    String plain = PlainJson.array(args); // strings, numbers, booleans and nulls skip Gson's cold start
    if (plain != null) {
      return ofJson(func, plain);
    }
    JsonArray array = Json.GSON.toJsonTree(Arrays.asList(args)).getAsJsonArray();
    return ofJson(func, array.toString());
  }

  /** Describe a call of {@code func} with a JSON array text of arguments. */
  public static JobRequest ofJson(String func, String argsJson) {
    return new JobRequest(func, argsJson, null, null, null, null, null, null, null, null, null, null);
  }

  public JobRequest withQueue(String q) {
    return new JobRequest(func, args, q, timeout, retries, backoff, dueAt, delay, kwargs, priority, uniqueKey, uniqueFor);
  }

  public JobRequest withTimeout(Duration t) {
    return new JobRequest(func, args, queue, t, retries, backoff, dueAt, delay, kwargs, priority, uniqueKey, uniqueFor);
  }

  public JobRequest withRetries(int r) {
    return new JobRequest(func, args, queue, timeout, r, backoff, dueAt, delay, kwargs, priority, uniqueKey, uniqueFor);
  }

  public JobRequest withBackoff(Duration b) {
    return new JobRequest(func, args, queue, timeout, retries, b, dueAt, delay, kwargs, priority, uniqueKey, uniqueFor);
  }

  public JobRequest withDueAt(Instant at) {
    return new JobRequest(func, args, queue, timeout, retries, backoff, at, null, kwargs, priority, uniqueKey, uniqueFor);
  }

  /** Run no earlier than {@code d} after Redis receives the job, measured on Redis's clock. */
  public JobRequest withDelay(Duration d) {
    return new JobRequest(func, args, queue, timeout, retries, backoff, null, d, kwargs, priority, uniqueKey, uniqueFor);
  }

  /** Pass these named arguments (a JSON object text), bound by parameter name; see {@link #kwargs()}. */
  public JobRequest withKwargsJson(String json) {
    return new JobRequest(func, args, queue, timeout, retries, backoff, dueAt, delay, json, priority, uniqueKey, uniqueFor);
  }

  /** Pass these named arguments, converted to JSON by Gson. */
  public JobRequest withKwargs(java.util.Map<String, ?> named) {
    return withKwargsJson(Json.GSON.toJson(named));
  }

  /** Run before waiting jobs of lower priority in the same queue; see {@link #priority()}. */
  public JobRequest withPriority(int p) {
    return new JobRequest(func, args, queue, timeout, retries, backoff, dueAt, delay, kwargs, p, uniqueKey, uniqueFor);
  }

  /** Make the job unique by this key in its queue; see {@link #uniqueKey()}. */
  public JobRequest withUniqueKey(String key) {
    return new JobRequest(func, args, queue, timeout, retries, backoff, dueAt, delay, kwargs, priority, key, uniqueFor);
  }

  /** Hold the unique lock at most this long; see {@link #uniqueFor()}. */
  public JobRequest withUniqueFor(Duration d) {
    return new JobRequest(func, args, queue, timeout, retries, backoff, dueAt, delay, kwargs, priority, uniqueKey, d);
  }

  /** The queue, or {@link #DEFAULT_QUEUE}. */
  public String queueOrDefault() {
    return queue == null ? DEFAULT_QUEUE : queue;
  }

  /** The priority, or 0. */
  public int priorityOrDefault() {
    return priority == null ? 0 : priority;
  }
}
