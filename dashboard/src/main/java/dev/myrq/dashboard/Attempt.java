package dev.myrq.dashboard;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.myrq.core.json.Json;
import dev.myrq.core.JobFields.History;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One earlier attempt of a job, from its history: failed, timed out or crashed. */
public record Attempt(String attempt, String worker, Instant startedAt, Instant endedAt, String outcome, String error) {

  /** The attempts of a job's history JSON, oldest first; empty for null or unreadable history. */
  public static List<Attempt> of(String history) {
    List<Attempt> out = new ArrayList<>();
    if (history == null) {
      return out;
    }
    try {
      for (JsonElement e : Json.parseStrict(history).getAsJsonArray()) {
        JsonObject o = e.getAsJsonObject();
        out.add(new Attempt(text(o, History.ATTEMPT), text(o, History.WORKER),
            time(o, History.STARTED_AT), time(o, History.ENDED_AT), text(o, History.OUTCOME),
            text(o, History.ERROR)));
      }
    } catch (RuntimeException e) {
      out.add(new Attempt("?", "", null, null, "unreadable history", history));
    }
    return out;
  }

  private static String text(JsonObject o, String field) {
    JsonElement v = o.get(field);
    return v == null || v.isJsonNull() ? "" : v.getAsString();
  }

  private static Instant time(JsonObject o, String field) {
    JsonElement v = o.get(field);
    return v == null || v.isJsonNull() ? null : Instant.ofEpochMilli(v.getAsLong());
  }
}
