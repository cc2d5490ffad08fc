package dev.myrq.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.myrq.core.json.Json;
import dev.myrq.core.JobFields.History;
import java.time.Instant;
import java.util.StringJoiner;

/**
 * A job's attempt history (a JSON array of {@code {attempt, worker, started_at, ended_at, outcome, error}}) as
 * one line per attempt: {@code attempt 2: crashed on w1, 2030-01-01T00:00:00Z to 2030-01-01T00:01:00Z: error}.
 */
final class HistoryText {
  private HistoryText() {}

  /** Return the readable list, or the text itself when it is not a JSON array of objects. */
  static String of(String historyJson) {
    JsonElement parsed = JsonArgs.value(historyJson);
    if (!parsed.isJsonArray()) {
      return historyJson;
    }
    StringJoiner lines = new StringJoiner("\n");
    for (JsonElement e : parsed.getAsJsonArray()) {
      lines.add(e.isJsonObject() ? line(e.getAsJsonObject()) : Json.GSON.toJson(e));
    }
    return lines.toString();
  }

  private static String line(JsonObject o) {
    StringBuilder s = new StringBuilder("attempt ").append(text(o, History.ATTEMPT)).append(": ");
    s.append(text(o, History.OUTCOME)).append(" on ").append(text(o, History.WORKER));
    s.append(", ").append(time(o, History.STARTED_AT)).append(" to ").append(time(o, History.ENDED_AT));
    if (o.has(History.ERROR)) {
      s.append(": ").append(text(o, History.ERROR));
    }
    return s.toString();
  }

  private static String text(JsonObject o, String field) {
    JsonElement e = o.get(field);
    if (e == null || e.isJsonNull() || (e.isJsonPrimitive() && e.getAsString().isEmpty())) {
      return "?";
    }
    return e.isJsonPrimitive() ? e.getAsString() : e.toString();
  }

  private static String time(JsonObject o, String field) {
    JsonElement e = o.get(field);
    if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() && e.getAsLong() > 0) {
      return Instant.ofEpochMilli(e.getAsLong()).toString();
    }
    return "?";
  }
}
