package dev.myrq.cli;

import dev.myrq.core.MyrqClient;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import dev.myrq.core.InvalidJobException;
import dev.myrq.core.JobRequest;
import dev.myrq.core.json.Json;
import dev.myrq.core.JobFields;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The jobs of {@code enqueue --from}: one JSON object per line, {@code {"func": ..., "args": [...], "queue": ...,
 * "timeout": seconds, "retries": n, "backoff": seconds, "kwargs": {...}, "priority": n, "unique_key": ...,
 * "unique_for": seconds}}; only func is required, blank lines are skipped.
 */
final class JobLines {
  private static final Set<String> FIELDS = Set.of("func", "args", "queue", "timeout", "retries", "backoff", "kwargs", "priority", "unique_key", "unique_for");

  private JobLines() {}

  /**
   * Read and check every line before anything is enqueued; {@code options} fills in what a line leaves out.
   *
   * @throws InvalidJobException naming the first bad line by its number
   */
  static List<JobRequest> read(BufferedReader in, UnaryOperator<JobRequest> options) throws IOException {
    List<JobRequest> requests = new ArrayList<>();
    int number = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      try {
        JobRequest r = options.apply(parse(line));
        MyrqClient.validate(r);
        requests.add(r);
      } catch (InvalidJobException e) {
        throw new InvalidJobException("line " + number + ": " + e.getMessage());
      }
    }
    return requests;
  }

  private static JobRequest parse(String line) {
    JsonObject o = object(line);
    for (String field : o.keySet()) {
      if (!FIELDS.contains(field)) {
        throw new InvalidJobException("unknown field '" + field + "'; fields are " + String.join(", ", FIELDS));
      }
    }
    JsonElement args = o.has("args") ? o.get("args") : new JsonArray();
    if (!args.isJsonArray()) {
      throw new InvalidJobException("'args' must be a JSON array");
    }
    JobRequest r = JobRequest.ofJson(string(o, "func", true), args.toString());
    r = r.withQueue(string(o, "queue", false));
    Duration timeout = seconds(o, "timeout");
    Duration backoff = seconds(o, "backoff");
    r = timeout == null ? r : r.withTimeout(timeout);
    r = backoff == null ? r : r.withBackoff(backoff);
    Integer retries = integer(o, "retries");
    r = retries == null ? r : r.withRetries(retries);
    Integer priority = integer(o, "priority");
    r = priority == null ? r : r.withPriority(priority);
    r = r.withUniqueKey(string(o, "unique_key", false));
    Duration uniqueFor = seconds(o, "unique_for");
    r = uniqueFor == null ? r : r.withUniqueFor(uniqueFor);
    if (o.has("kwargs") && !o.get("kwargs").isJsonNull()) {
      if (!o.get("kwargs").isJsonObject()) {
        throw new InvalidJobException("'kwargs' must be a JSON object");
      }
      r = r.withKwargsJson(o.get("kwargs").toString());
    }
    return r;
  }

  private static JsonObject object(String line) {
    try {
      JsonElement e = Json.parseStrict(line);
      if (e.isJsonObject()) {
        return e.getAsJsonObject();
      }
    } catch (JsonParseException | IllegalStateException e) {
      throw new InvalidJobException("not valid JSON: " + abbreviate(line));
    }
    throw new InvalidJobException("not a JSON object: " + abbreviate(line));
  }

  private static String string(JsonObject o, String field, boolean required) {
    JsonElement e = o.get(field);
    if (e == null || e.isJsonNull()) {
      if (required) {
        throw new InvalidJobException("'" + field + "' is missing");
      }
      return null;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw new InvalidJobException("'" + field + "' must be a string");
    }
    return e.getAsString();
  }

  private static Duration seconds(JsonObject o, String field) {
    JsonPrimitive p = number(o, field, "a number of seconds");
    return p == null ? null : Duration.ofMillis(Math.round(p.getAsDouble() * 1000));
  }

  private static Integer integer(JsonObject o, String field) {
    JsonPrimitive p = number(o, field, "an integer");
    try {
      return p == null ? null : p.getAsBigDecimal().intValueExact();
    } catch (ArithmeticException e) {
      throw new InvalidJobException("'" + field + "' must be an integer");
    }
  }

  private static JsonPrimitive number(JsonObject o, String field, String what) {
    JsonElement e = o.get(field);
    if (e == null || e.isJsonNull()) {
      return null;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw new InvalidJobException("'" + field + "' must be " + what);
    }
    return e.getAsJsonPrimitive();
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
