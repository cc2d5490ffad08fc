package dev.myrq.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real myrq worker in its own JVM on the test class path, running the example jobs jar. */
final class WorkerProcess implements AutoCloseable {
  static final Path EXAMPLE_JAR = Path.of("../jobs-example/target/myrq-jobs-example.jar");

  private final Process process;
  final Path log;

  private WorkerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Start a worker named {@code name} on these Redis and queue, logging to target/NAME.log. */
  static WorkerProcess start(String redisUrl, String name, String queue) {
    try {
      if (!Files.exists(EXAMPLE_JAR)) {
        fail("build the example jobs first: " + EXAMPLE_JAR.toAbsolutePath() + " is missing");
      }
      Path jobs = Files.createTempDirectory("myrq-dash-jobs");
      Files.copy(EXAMPLE_JAR, jobs.resolve("myrq-jobs-example.jar"));
      Path tests = EXAMPLE_JAR.resolveSibling("myrq-jobs-example-tests.jar"); // com.acme.testjobs.Risky
      Files.copy(tests, jobs.resolve(tests.getFileName()));
      Path log = Path.of("target", name + ".log");
      Files.createDirectories(log.getParent());
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
              System.getProperty("java.class.path"), "dev.myrq.worker.WorkerMain", "--redis", redisUrl,
              "--jobs-dir", jobs.toString(), "--queue", queue, "--name", name, "--concurrency", "2",
              "--retries", "0", "--lease", "4s", "--grace", "1s"))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      return new WorkerProcess(p, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
