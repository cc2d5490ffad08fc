package dev.myrq.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import dev.myrq.core.json.Json;
import java.util.List;

/** Job arguments from the command line: each word is the JSON value it spells, or else a plain string. */
final class JsonArgs {
  private JsonArgs() {}

  /** Return the JSON array text of these words: {@code 5} is 5, {@code "hi"} is hi, {@code hello} is "hello". */
  static String fromWords(List<String> words) {
    if (words.isEmpty()) {
      return "[]"; // without Gson's writer, for the one-shot enqueue of a job without arguments
    }
    JsonArray array = new JsonArray();
    for (String w : words) {
      array.add(value(w));
    }
    return array.toString();
  }

  /** Return the JSON value of a text; a text that is not exactly one JSON value is a string. */
  static JsonElement value(String word) {
    if (word.isBlank()) {
      // Gson reads empty input as null; an empty argument is meant as an empty string.
      return new JsonPrimitive(word);
    }
    try {
      return Json.parseStrict(word);
    } catch (JsonParseException | IllegalStateException e) {
      return new JsonPrimitive(word);
    }
  }

  /**
   * Return the JSON object text of {@code name=value} words, each value read as {@link #value}.
   *
   * @throws dev.myrq.core.InvalidJobException for a word without '=' or a name given twice
   */
  static String kwargsFromWords(List<String> words) {
    com.google.gson.JsonObject o = new com.google.gson.JsonObject();
    for (String w : words) {
      int eq = w.indexOf('=');
      if (eq <= 0) {
        throw new dev.myrq.core.InvalidJobException("--kw takes NAME=VALUE, got '" + w + "'");
      }
      String name = w.substring(0, eq);
      if (o.has(name)) {
        throw new dev.myrq.core.InvalidJobException("--kw " + name + " is given twice");
      }
      o.add(name, value(w.substring(eq + 1)));
    }
    return o.toString();
  }
}
