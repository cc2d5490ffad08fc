package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.fail;

import dev.myrq.core.Job;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.RedisSettings;
import dev.myrq.core.Retention;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** A real worker in the test JVM, on the test Redis, running the jobs-example jar from a jobs directory. */
final class RunningWorker implements AutoCloseable {
  static final Path EXAMPLE_JAR = Path.of("../jobs-example/target/myrq-jobs-example.jar");
  /** Jobs only tests run: spinning, file-writing, exiting, hostile ones. */
  static final Path TEST_JOBS_JAR = Path.of("../jobs-example/target/myrq-jobs-example-tests.jar");

  final WorkerConfig config;
  final MyrqClient client;
  final Worker worker;
  private boolean stopped;

  RunningWorker(WorkerConfig config) {
    this.config = config;
    this.client = MyrqClient.connect(config.redis());
    this.worker = new Worker(config, client);
    worker.start();
  }

  static WorkerConfig config(String redisUrl, String... queues) {
    return config(RedisSettings.of(redisUrl), queues);
  }

  static WorkerConfig config(RedisSettings redis, String... queues) {
    return new WorkerConfig(
        redis,
        queues.length == 0 ? List.of("default") : List.of(queues),
        jobsDir(),
        List.of(),
        4,
        "test-worker-" + System.nanoTime(),
        false,
        Duration.ofSeconds(5),
        Duration.ofSeconds(4),
        Duration.ofSeconds(30),
        0,
        Duration.ZERO,
        3,
        2,
        Duration.ofMillis(500),
        Retention.defaults(),
        WorkerConfig.DEFAULT_MAX_RESULT_BYTES);
  }

  /** The same config with another concurrency and lease. */
  static WorkerConfig with(WorkerConfig c, int concurrency, Duration lease) {
    return new WorkerConfig(c.redis(), c.queues(), c.jobsDir(), c.allowPackages(), concurrency, c.name(), c.burst(),
        c.grace(), lease, c.defaultTimeout(), c.defaultRetries(), c.defaultBackoff(), c.maxCrashes(), c.maxStuck(),
        c.stuckAfter(), c.retention(), c.maxResultBytes());
  }

  /** The same config with another result size limit. */
  static WorkerConfig withMaxResult(WorkerConfig c, long bytes) {
    return new WorkerConfig(c.redis(), c.queues(), c.jobsDir(), c.allowPackages(), c.concurrency(), c.name(),
        c.burst(), c.grace(), c.lease(), c.defaultTimeout(), c.defaultRetries(), c.defaultBackoff(), c.maxCrashes(),
        c.maxStuck(), c.stuckAfter(), c.retention(), bytes);
  }

  /** A fresh directory holding a copy of the example jar and of the test jobs jar. */
  static Path jobsDir() {
    try {
      Path dir = Files.createTempDirectory("myrq-jobs");
      for (Path jar : List.of(EXAMPLE_JAR, TEST_JOBS_JAR)) {
        if (!Files.exists(jar)) {
          fail("build the example jobs first: " + jar.toAbsolutePath() + " is missing");
        }
        Files.copy(jar, dir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Poll until the job satisfies the condition; fail after {@code max}. */
  static Job awaitJob(MyrqClient client, String id, Predicate<Job> done, Duration max) {
    long end = System.nanoTime() + max.toNanos();
    Job last = null;
    while (System.nanoTime() < end) {
      last = client.job(id);
      if (done.test(last)) {
        return last;
      }
      sleep(20);
    }
    fail("job " + id + " did not get there within " + max + "; last seen: " + last);
    return last;
  }

  /** Wait for a status; the limit only catches a hang (a job took 20 s to start at a load average of 30). */
  static Job awaitStatus(MyrqClient client, String id, JobStatus status) {
    return awaitJob(client, id, j -> j.status() == status, Duration.ofSeconds(60));
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  void stop() throws InterruptedException {
    if (!stopped) {
      stopped = true;
      worker.end(Worker.Exit.STOPPED);
      worker.stop();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    client.close();
  }
}
