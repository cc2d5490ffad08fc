package dev.myrq.worker;

import static dev.myrq.worker.RunningWorker.awaitStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The production install ships no example jobs, and the example jar holds no job that writes files or spins. */
@ExtendWith(RedisExtension.class)
class ProductionJobsIT {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @Test
  void the_system_install_puts_no_job_jar_in_the_jobs_directory(@TempDir Path root) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", REPO.resolve("scripts/install.sh").toString(), "--system");
    pb.environment().put("MYRQ_HOME", root.resolve("opt").toString());
    pb.environment().put("MYRQ_BIN_DIR", root.resolve("bin").toString());
    pb.environment().put("MYRQ_COMPLETION_DIR", root.resolve("completion").toString());
    Process install = pb.redirectErrorStream(true).redirectOutput(root.resolve("install.log").toFile()).start();
    assertTrue(install.waitFor(300, TimeUnit.SECONDS), "install.sh --system did not end");
    assertEquals(0, install.exitValue(), Files.readString(root.resolve("install.log")));
    try (Stream<Path> jobs = Files.list(root.resolve("opt/jobs"))) {
      assertEquals(List.of(), jobs.toList(), "no example jobs in a production jobs directory");
    }
  }

  @Test
  void the_example_jar_alone_runs_no_job_that_writes_files_or_spins(TestRedis redis, MyrqClient client)
      throws Exception {
    Path jobs = Files.createTempDirectory("myrq-prod-jobs");
    Files.copy(RunningWorker.EXAMPLE_JAR, jobs.resolve("myrq-jobs-example.jar"), StandardCopyOption.REPLACE_EXISTING);
    WorkerConfig c = RunningWorker.config(redis.url());
    WorkerConfig prod = new WorkerConfig(c.redis(), c.queues(), jobs, c.allowPackages(), c.concurrency(), c.name(),
        c.burst(), c.grace(), c.lease(), c.defaultTimeout(), c.defaultRetries(), c.defaultBackoff(), c.maxCrashes(),
        c.maxStuck(), c.stuckAfter(), c.retention(), c.maxResultBytes());
    Path target = Files.createTempFile("myrq-victim", ".txt");
    try (RunningWorker w = new RunningWorker(prod)) {
      for (String func : List.of("com.acme.Task.record", "com.acme.Task.spin", "com.acme.testjobs.Risky.record",
          "com.acme.testjobs.Risky.spin")) {
        String id = func.endsWith("record") ? client.enqueue(func, target.toString(), "owned") : client.enqueue(func, 60);
        String error = awaitStatus(client, id, JobStatus.FAILED).error();
        assertTrue(error.startsWith("UnrunnableJob: "), func + ": " + error);
      }
      assertEquals("2", awaitStatus(client, client.enqueue("com.acme.Task.add", 1, 1), JobStatus.FINISHED).result());
    }
    assertEquals("", Files.readString(target), "nothing was written");
  }
}
