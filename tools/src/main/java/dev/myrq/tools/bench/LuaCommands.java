package dev.myrq.tools.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Redis commands myrq's Lua steps call: calls of these are counted as made inside scripts. */
final class LuaCommands {
  private static final String DIR = "/dev/myrq/core/scripts/";
  private static final List<String> SCRIPTS =
      List.of("lib", "enqueue", "fetch", "complete", "renew", "reap", "promote", "requeue");

  static Set<String> read() {
    Set<String> out = new HashSet<>();
    Pattern call = Pattern.compile("redis\\.call\\(\\s*'([A-Za-z]+)'");
    for (String s : SCRIPTS) {
      try (InputStream in = Bench.class.getResourceAsStream(DIR + s + ".lua")) {
        if (in == null) {
          continue;
        }
        Matcher m = call.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        while (m.find()) {
          out.add(m.group(1).toLowerCase(Locale.ROOT));
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return out;
  }
}
