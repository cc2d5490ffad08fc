package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The built fat jars run as separate processes: the worker daemon and the myrq CLI. */
final class Processes {
  static final Path WORKER_JAR = Path.of("target/myrq-worker.jar");
  static final Path CLI_JAR = Path.of("../cli/target/myrq.jar");

  private Processes() {}

  /** A worker process; its log goes to a file shown when a test fails. */
  static final class WorkerProcess implements AutoCloseable {
    final Process process;
    final Path log;

    WorkerProcess(Process process, Path log) {
      this.process = process;
      this.log = log;
    }

    /** SIGKILL: no shutdown, no cleanup, as when a host dies. */
    void kill9() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, then wait for the exit code. */
    int term(long maxSeconds) throws InterruptedException {
      process.destroy();
      return awaitExit(maxSeconds);
    }

    int awaitExit(long maxSeconds) throws InterruptedException {
      if (!process.waitFor(maxSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("worker did not exit within " + maxSeconds + " s; log:\n" + log());
      }
      return process.exitValue();
    }

    String log() {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(no log: " + e + ")";
      }
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }

  static WorkerProcess worker(String redisUrl, Path jobsDir, String... options) {
    return worker(Map.of(), redisUrl, jobsDir, options);
  }

  /** A worker process with these environment variables added to the test's. */
  static WorkerProcess worker(Map<String, String> env, String redisUrl, Path jobsDir, String... options) {
    List<String> cmd = new ArrayList<>(List.of(java(), "-jar", WORKER_JAR.toString(), "--redis", redisUrl,
        "--jobs-dir", jobsDir.toString()));
    cmd.addAll(List.of(options));
    try {
      Path log = Files.createTempFile("myrq-worker", ".log");
      ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
      b.environment().putAll(env);
      return new WorkerProcess(b.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The result of one CLI run. */
  record CliRun(int exit, String out, String err) {}

  static CliRun cli(String redisUrl, String... args) {
    // C1 only and serial GC: a short-lived CLI starts about twice as fast
    List<String> cmd = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
        CLI_JAR.toString(), "--redis", redisUrl));
    cmd.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("myrq-cli", ".out");
      Path err = Files.createTempFile("myrq-cli", ".err");
      Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("myrq " + args[0] + " did not exit within 60 s");
      }
      return new CliRun(p.exitValue(), Files.readString(out).trim(), Files.readString(err).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
