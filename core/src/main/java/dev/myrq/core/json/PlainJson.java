package dev.myrq.core.json;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;

/**
 * JSON arguments without Gson's object mapping: writes an array of plain values (null, booleans, whole numbers,
 * finite doubles, strings) exactly as {@link Json#GSON} writes it, and checks that a text is one JSON array. Setting
 * up Gson and its type adapters took 45-70 ms of a fresh client's first enqueue with arguments, which then reached
 * Redis that much late (the first jobs of the peer harness's latency probe).
 */
public final class PlainJson {
  private PlainJson() {}

  /** The array's JSON text, or null when a value is not plain (then Gson writes it, with its own rules). */
  public static String array(Object[] values) {
    StringBuilder out = new StringBuilder(16 * values.length + 2).append('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      if (!append(out, values[i])) {
        return null;
      }
    }
    return out.append(']').toString();
  }

  private static boolean append(StringBuilder out, Object v) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof String s) {
      string(out, s);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
        || v instanceof Boolean) {
      out.append(v);
    } else if (v instanceof Double d && Double.isFinite(d)) {
      out.append(d.doubleValue());
    } else {
      return false;
    }
    return true;
  }

  /** A string as Gson's writer quotes it with HTML escaping off. */
  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\f' -> out.append("\\f");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * Return true when the text is exactly one JSON array, read as strictly as {@link Json#parseStrict} reads it. Reads
   * tokens without building a tree, so it never starts Gson's object mapping (class Json holds a Gson, whose set-up is most of that cost) (tens of milliseconds in a fresh
   * client, paid at its first enqueue with arguments).
   */
  public static boolean isStrictArray(String text) {
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.STRICT);
    try {
      if (reader.peek() != com.google.gson.stream.JsonToken.BEGIN_ARRAY) {
        return false;
      }
      readValue(reader);
      return reader.peek() == com.google.gson.stream.JsonToken.END_DOCUMENT;
    } catch (java.io.IOException | IllegalStateException | NumberFormatException e) {
      return false;
    }
  }

  /** Read one value token by token (skipValue would pass raw control characters in strings). */
  private static void readValue(JsonReader reader) throws java.io.IOException {
    int depth = 0;
    do {
      switch (reader.peek()) {
        case BEGIN_ARRAY -> {
          reader.beginArray();
          depth++;
        }
        case END_ARRAY -> {
          reader.endArray();
          depth--;
        }
        case BEGIN_OBJECT -> {
          reader.beginObject();
          depth++;
        }
        case END_OBJECT -> {
          reader.endObject();
          depth--;
        }
        case NAME -> reader.nextName();
        case STRING, NUMBER -> reader.nextString();
        case BOOLEAN -> reader.nextBoolean();
        case NULL -> reader.nextNull();
        case END_DOCUMENT -> throw new java.io.EOFException("end of the text inside a value");
      }
    } while (depth > 0);
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();
}
