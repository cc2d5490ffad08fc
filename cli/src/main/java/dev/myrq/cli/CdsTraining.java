package dev.myrq.cli;

import dev.myrq.core.shell.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The run the myrq launcher makes its class-data-sharing archive with ({@code -XX:ArchiveClassesAtExit}): the
 * commands people run most, {@code enqueue} and then {@code status} of the new job, against a private
 * redis-server (the system's, on a free loopback port, with no persistence), so that the archive holds the classes
 * of connecting, the scripts and the replies, and not only those of a start that finds no Redis. Exit code 0 when
 * both commands did; otherwise the launcher falls back to its run that finds no Redis.
 */
public final class CdsTraining {
  private static final long WAIT_MS = 10_000;

  private CdsTraining() {}

  public static void main(String[] args) throws Exception {
    int port = freePort();
    Path dir = Files.createTempDirectory("myrq-cli-cds-training");
    Process redis = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no")
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    int code;
    try {
      code = train("redis://127.0.0.1:" + port);
    } finally {
      redis.destroy();
      redis.waitFor(5, TimeUnit.SECONDS);
      Files.deleteIfExists(dir);
    }
    System.exit(code);
  }

  /** Enqueue a job (retrying while the server starts), then ask its status; the last exit code. */
  private static int train(String url) throws InterruptedException {
    long end = System.currentTimeMillis() + WAIT_MS;
    String[] enqueue = {"--redis", url, "enqueue", "dev.myrq.training.None.run"};
    StringWriter id = new StringWriter();
    int code;
    while ((code = run(enqueue, id)) == ExitCodes.REDIS_UNREACHABLE && System.currentTimeMillis() < end) {
      Thread.sleep(50);
    }
    if (code != 0) {
      return code;
    }
    return run(new String[] {"--redis", url, "status", id.toString().trim()}, new StringWriter());
  }

  private static int run(String[] args, StringWriter out) {
    out.getBuffer().setLength(0);
    return Myrq.commandLine(new Myrq(), args).setOut(new PrintWriter(out, true)).execute(args);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
