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
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The worker loads job classes from private copies of the jars taken at start. */
@ExtendWith(RedisExtension.class)
class JobsDirTest {

  @Test
  void a_jar_overwritten_in_place_while_the_worker_runs_changes_nothing_until_a_restart(
      TestRedis redis, MyrqClient client) throws Exception {
    WorkerConfig c = RunningWorker.config(redis.url());
    Path jar = c.jobsDir().resolve(RunningWorker.EXAMPLE_JAR.getFileName());
    Object inode = Files.getAttribute(jar, "unix:ino");
    try (RunningWorker w = new RunningWorker(c)) {
      assertEquals("2", awaitStatus(client, client.enqueue("com.acme.Task.add", 1, 1), JobStatus.FINISHED).result());
      // cp other.jar jobs/myrq-jobs-example.jar: the same file, new bytes
      Files.write(jar, Files.readAllBytes(RunningWorker.TEST_JOBS_JAR), StandardOpenOption.TRUNCATE_EXISTING);
      assertEquals(inode, Files.getAttribute(jar, "unix:ino"), "overwritten in place");
      assertEquals("\"hi\"", awaitStatus(client, client.enqueue("com.acme.Logged.say", "hi"), JobStatus.FINISHED).result());
      assertEquals("\"hello, ann\"",
          awaitStatus(client, client.enqueue("com.acme.Task.greet", "ann"), JobStatus.FINISHED).result());
    }
    try (RunningWorker w = new RunningWorker(c)) { // the new jar takes effect on restart
      String id = client.enqueue("com.acme.Task.add", 1, 1);
      assertTrue(awaitStatus(client, id, JobStatus.FAILED).error().contains("not in the jobs directory"));
    }
  }
}
