package dev.myrq.core.storage;

import static dev.myrq.core.JobFields.*;

import com.google.gson.JsonParseException;
import dev.myrq.core.InvalidJobException;
import dev.myrq.core.Job;
import dev.myrq.core.JobRequest;
import dev.myrq.core.JobStatus;
import dev.myrq.core.json.Json;
import dev.myrq.core.json.PlainJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.Map;

/**
 * Every field of the job HASH, and the two conversions that mirror each other: {@link #toHash} (what enqueue
 * writes) and {@link #fromHash} (what readers get back). Times are epoch milliseconds, durations seconds.
 */
final class JobHash {

  /** A kwargs name: one Java identifier (kwargs are rare; func and queue names use {@link NameRules}). */
  private static final Pattern PARAMETER_PATTERN = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*");

  private JobHash() {}

  /**
   * Return the field/value pairs enqueue writes for a request (status and created_at are added by the script).
   *
   * @throws InvalidJobException naming the bad field
   */
  public static List<String> toHash(JobRequest r, int maxPayloadBytes) {
    validate(r, maxPayloadBytes);
    return fields(r);
  }

  /** The field/value pairs of {@link #toHash}, for a request already {@link #validate validated}. */
  public static List<String> fields(JobRequest r) {
    List<String> h = new ArrayList<>(10);
    h.add(FUNC);
    h.add(r.func());
    h.add(ARGS);
    h.add(r.args());
    h.addAll(optionalFields(r));
    return h;
  }

  /**
   * The pairs of {@link #fields} besides func and args (which the enqueue step takes in places of their own); empty
   * for a request with no options.
   */
  public static List<String> optionalFields(JobRequest r) {
    if (r.timeout() == null && r.retries() == null && r.backoff() == null && r.kwargs() == null
        && r.priorityOrDefault() == 0) {
      return List.of();
    }
    List<String> h = new ArrayList<>(10);
    if (r.timeout() != null) {
      h.add(TIMEOUT);
      h.add(seconds(r.timeout()));
    }
    if (r.retries() != null) {
      h.add(RETRIES);
      h.add(Integer.toString(r.retries()));
    }
    if (r.backoff() != null) {
      h.add(BACKOFF);
      h.add(seconds(r.backoff()));
    }
    if (r.kwargs() != null) {
      h.add(KWARGS);
      h.add(r.kwargs());
    }
    if (r.priorityOrDefault() != 0) {
      h.add(PRIORITY);
      h.add(Integer.toString(r.priority()));
    }
    return h;
  }

  /**
   * Rebuild a job from its hash.
   *
   * @throws InvalidJobException naming the missing or malformed field
   */
  public static Job fromHash(String id, String queue, Map<String, String> h) {
    String func = required(h, FUNC);
    String args = required(h, ARGS);
    JobStatus status;
    try {
      status = JobStatus.fromWord(required(h, STATUS));
    } catch (IllegalArgumentException e) {
      throw new InvalidJobException("job " + id + ": field 'status': " + e.getMessage());
    }
    Instant created = instant(h, CREATED_AT);
    Instant enqueued = instant(h, ENQUEUED_AT);
    return new Job(
        id,
        queue,
        func,
        args,
        status,
        created,
        enqueued == null ? created : enqueued,
        instant(h, DUE_AT),
        instant(h, STARTED_AT),
        instant(h, ENDED_AT),
        duration(h, TIMEOUT),
        integer(h, RETRIES, -1),
        duration(h, BACKOFF),
        integer(h, ATTEMPT, 0),
        integer(h, CRASHES, 0),
        h.get(WORKER),
        h.get(RESULT),
        h.get(ERROR),
        h.get(EXC_INFO),
        h.get(HISTORY),
        h.get(KWARGS),
        integer(h, PRIORITY, 0),
        false);
  }

  /** Return true if {@code func} is a Java class and method name such as {@code com.acme.Task.run}. */
  public static boolean isFunc(String func) {
    return func != null && NameRules.isFunc(func);
  }

  /**
   * Check a request before it is written.
   *
   * @throws InvalidJobException naming the bad field
   */
  public static void validate(JobRequest r, int maxPayloadBytes) {
    if (!NameRules.isFunc(r.func())) {
      throw new InvalidJobException(
          "func '" + r.func() + "' is not a Java class and method name such as com.acme.Task.run");
    }
    validateQueue(r.queueOrDefault());
    if (r.args().length() > maxPayloadBytes / 4
        && r.args().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > maxPayloadBytes) {
      throw new InvalidJobException(
          "args are larger than the payload limit of " + maxPayloadBytes + " bytes");
    }
    // most jobs take no args: "[]" needs no parser (a cold bulk enqueue spent a fifth of its CPU parsing it)
    if (!"[]".equals(r.args()) && !PlainJson.isStrictArray(r.args())) {
      throw new InvalidJobException(argsProblem(r.args()));
    }
    if (r.timeout() != null && (r.timeout().isNegative() || r.timeout().isZero())) {
      throw new InvalidJobException("timeout must be positive, got " + r.timeout());
    }
    if (r.retries() != null && r.retries() < 0) {
      throw new InvalidJobException("retries must be 0 or more, got " + r.retries());
    }
    if (r.delay() != null && (r.delay().isNegative() || r.dueAt() != null)) {
      throw new InvalidJobException("delay must not be negative nor given with a due time, got " + r.delay());
    }
    if (r.backoff() != null && r.backoff().isNegative()) {
      throw new InvalidJobException("backoff must not be negative, got " + r.backoff());
    }
    validateKwargs(r.kwargs());
    if (r.priorityOrDefault() < JobRequest.MIN_PRIORITY || r.priorityOrDefault() > JobRequest.MAX_PRIORITY) {
      throw new InvalidJobException("priority must be from " + JobRequest.MIN_PRIORITY + " to "
          + JobRequest.MAX_PRIORITY + ", got " + r.priority());
    }
    validateUnique(r);
  }

  /** Why args that are not one JSON array were refused (the slow path: a refusal only). */
  private static String argsProblem(String args) {
    try {
      Json.parseStrict(args);
      return "args must be a JSON array, got: " + abbreviate(args);
    } catch (JsonParseException | IllegalStateException e) {
      return "args are not valid JSON: " + abbreviate(args);
    }
  }

  private static void validateKwargs(String kwargs) {
    if (kwargs == null) {
      return;
    }
    try {
      com.google.gson.JsonElement e = Json.parseStrict(kwargs);
      if (!e.isJsonObject()) {
        throw new InvalidJobException("kwargs must be a JSON object, got: " + abbreviate(kwargs));
      }
      for (String name : e.getAsJsonObject().keySet()) {
        if (!PARAMETER_PATTERN.matcher(name).matches()) {
          throw new InvalidJobException("kwargs name '" + abbreviate(name) + "' is not a Java parameter name");
        }
      }
    } catch (JsonParseException | IllegalStateException e) {
      throw new InvalidJobException("kwargs are not valid JSON: " + abbreviate(kwargs));
    }
  }

  private static void validateUnique(JobRequest r) {
    if (r.uniqueKey() != null && (r.uniqueKey().isEmpty() || r.uniqueKey().length() > 200)) {
      throw new InvalidJobException("unique key must be 1 to 200 characters, got '" + abbreviate(r.uniqueKey()) + "'");
    }
    if (r.uniqueFor() != null && (r.uniqueKey() == null || r.uniqueFor().toMillis() <= 0)) {
      throw new InvalidJobException("unique-for must be positive and given with a unique key, got " + r.uniqueFor());
    }
  }

  /**
   * Check a queue name: 1 to 64 of letters, digits, '_', '.', ':' and '-'.
   *
   * @throws InvalidJobException when it is not one
   */
  public static void validateQueue(String queue) {
    if (queue == null || !NameRules.isQueue(queue)) {
      throw new InvalidJobException(
          "queue name '" + queue + "' must be 1 to 64 letters, digits, '_', '.', ':' or '-'");
    }
  }

  private static String required(Map<String, String> h, String field) {
    String v = h.get(field);
    if (v == null) {
      throw new InvalidJobException("job hash has no '" + field + "' field");
    }
    return v;
  }

  private static Instant instant(Map<String, String> h, String field) {
    String v = h.get(field);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return Instant.ofEpochMilli(Long.parseLong(v));
    } catch (NumberFormatException e) {
      throw new InvalidJobException("job field '" + field + "' is not epoch milliseconds: " + abbreviate(v));
    }
  }

  private static Duration duration(Map<String, String> h, String field) {
    String v = h.get(field);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      double s = Double.parseDouble(v);
      if (!(s >= 0) || Double.isInfinite(s)) {
        throw new NumberFormatException(v);
      }
      return Duration.ofMillis(Math.round(s * 1000));
    } catch (NumberFormatException e) {
      throw new InvalidJobException("job field '" + field + "' is not a number of seconds: " + abbreviate(v));
    }
  }

  private static int integer(Map<String, String> h, String field, int absent) {
    String v = h.get(field);
    if (v == null || v.isEmpty()) {
      return absent;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new InvalidJobException("job field '" + field + "' is not an integer: " + abbreviate(v));
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
