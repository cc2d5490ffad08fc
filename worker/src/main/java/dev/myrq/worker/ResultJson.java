package dev.myrq.worker;

import dev.myrq.core.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * A job's return value as the JSON stored in its hash, or the reason it cannot be stored. A value that is not
 * JSON (NaN, a structure that contains itself, a getter that throws) or whose JSON is larger than the worker's
 * limit fails the job without a retry: its code ran to its end, and running it again would repeat its effects.
 */
final class ResultJson {
  /** The JSON of a result, or (json null) why there is none. */
  record Encoded(String json, String error) {
    boolean ok() {
      return json != null;
    }
  }

  private static final Encoded NULL = new Encoded("null", null);
  private final long maxBytes;

  ResultJson(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  Encoded encode(Object result) {
    if (result == null) {
      return NULL; // void and null results: what Gson writes, without its writer
    }
    String json;
    try {
      json = Json.GSON.toJson(result);
    } catch (StackOverflowError e) {
      return failed("the result is not JSON: it contains itself (serialising it overflowed the stack)");
    } catch (Throwable e) { // job objects run their own code while serialised (getters, adapters)
      return failed("the result is not JSON: " + ErrorText.oneLine(e));
    }
    // UTF-8 takes at most 3 bytes per char: measure exactly only when the cheap bound is over the limit
    if ((long) json.length() * 3 > maxBytes) {
      long bytes = json.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > maxBytes) {
        return failed("the result is " + bytes + " bytes of JSON, over the worker's --max-result-size of "
            + maxBytes + " bytes; it was not stored");
      }
    }
    return new Encoded(json, null);
  }

  private static Encoded failed(String why) {
    return new Encoded(null, "ResultError: " + why);
  }
}
