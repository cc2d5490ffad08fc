package dev.myrq.tools.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One command to one node through the system's {@code redis-cli}: the chaos run drives cluster administration
 * (CLUSTER SETSLOT, MIGRATE) this way, since program code outside core's storage names no Lettuce type.
 */
final class RedisCli {
  private RedisCli() {}

  /** Run the command against 127.0.0.1:port; return the reply's lines; throw on an error reply or exit. */
  static List<String> run(int port, String... command) {
    List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", "" + port));
    cmd.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.startsWith("ERR")
          || out.startsWith("(error)") || out.startsWith("Could not connect")) {
        throw new IllegalStateException("redis-cli -p " + port + " " + String.join(" ", command) + ": " + out);
      }
      return out.isEmpty() ? List.of() : List.of(out.split("\r?\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: redis-cli " + String.join(" ", command), e);
    }
  }
}
