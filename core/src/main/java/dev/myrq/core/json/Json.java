package dev.myrq.core.json;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;

/** The one Gson instance of myrq: Instants as ISO-8601 UTC, Durations as seconds, nulls kept out. */
public final class Json {
  /** Thread-safe; shared by core, cli and worker. */
  public static final Gson GSON =
      new GsonBuilder()
          .registerTypeAdapter(
              Instant.class, (JsonSerializer<Instant>) (v, t, c) -> new JsonPrimitive(v.toString()))
          .registerTypeAdapter(
              Duration.class,
              (JsonSerializer<Duration>) (v, t, c) -> new JsonPrimitive(v.toMillis() / 1000.0))
          .disableHtmlEscaping()
          .create();

  private Json() {}

  /**
   * Parse JSON text strictly: one value, nothing after it.
   *
   * @throws JsonParseException when the text is not exactly one JSON value
   */
  public static JsonElement parseStrict(String text) {
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.STRICT);
    JsonElement e = JsonParser.parseReader(reader);
    try {
      if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
        throw new JsonParseException("text after the JSON value");
      }
    } catch (java.io.IOException ex) {
      throw new JsonParseException(ex);
    }
    return e;
  }
}
