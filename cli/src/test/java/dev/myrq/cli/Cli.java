package dev.myrq.cli;

import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs the myrq command in process, as main would, and captures its exit code, stdout and stderr. */
final class Cli {
  private Cli() {}

  /** One finished run. */
  record Run(int code, String out, String err) {
    /** stdout without its final line break. */
    String line() {
      return out.stripTrailing();
    }
  }

  /** Run {@code myrq --redis <test redis> args...}. */
  static Run myrq(TestRedis redis, String... args) {
    List<String> all = new ArrayList<>(List.of("--redis", redis.url()));
    all.addAll(List.of(args));
    return run(Map.of(), "", all.toArray(new String[0]));
  }

  /** Run {@code myrq args...} with this environment and standard input. */
  static Run run(Map<String, String> env, String stdin, String... args) {
    Myrq top = new Myrq(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    CommandLine cmd = Myrq.commandLine(top, args); // as main builds it
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code = cmd.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** Run {@code myrq args...} with an empty environment and no input. */
  static Run run(String... args) {
    return run(Map.of(), "", args);
  }
}
