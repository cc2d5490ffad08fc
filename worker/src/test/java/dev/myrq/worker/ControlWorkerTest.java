package dev.myrq.worker;

import static dev.myrq.worker.RunningWorker.awaitJob;
import static dev.myrq.worker.RunningWorker.awaitStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.Job;
import dev.myrq.core.JobRequest;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An operator's controls seen from a running worker: pause and resume, cancel of a running job. */
@ExtendWith(RedisExtension.class)
class ControlWorkerTest {
  @Test
  void a_paused_queue_is_not_fetched_from_and_resume_starts_it_again(TestRedis redis, MyrqClient client)
      throws Exception {
    for (String queues : new String[] {"default", "default,other"}) {
      redis.raw().flushall();
      try (RunningWorker w = new RunningWorker(RunningWorker.config(redis.url(), queues.split(",")))) {
        awaitStatus(client, client.enqueue("com.acme.Task.noop"), JobStatus.FINISHED);
        client.pause("default");
        long before = commandsProcessed(redis);
        String held = client.enqueue("com.acme.Task.noop");
        Thread.sleep(1500);
        assertEquals(JobStatus.QUEUED, client.status(held), "a paused queue's job waits (" + queues + ")");
        long calls = commandsProcessed(redis) - before;
        assertTrue(calls < 200, "an idle worker does not spin on a paused queue: " + calls + " commands in 1.5 s");

        long resumed = System.nanoTime();
        client.resume("default");
        awaitStatus(client, held, JobStatus.FINISHED);
        long ms = (System.nanoTime() - resumed) / 1_000_000;
        assertTrue(ms < 5000, "resumed within the recheck: " + ms + " ms");
      }
    }
  }

  @Test
  void a_canceled_running_job_is_interrupted_within_a_second_and_not_retried(TestRedis redis, MyrqClient client)
      throws Exception {
    Path out = Files.createTempFile("myrq-cancel", ".txt");
    try (RunningWorker w = new RunningWorker(RunningWorker.config(redis.url()))) {
      String id =
          client.enqueue(
              JobRequest.of("com.acme.testjobs.Risky.sleepThenRecord", 20, out.toString(), "ran").withRetries(3));
      awaitStatus(client, id, JobStatus.STARTED);
      awaitJob(client, id, j -> w.worker.running() == 1, Duration.ofSeconds(20));

      long t0 = System.nanoTime();
      assertEquals(JobStatus.STARTED, client.cancel(id));
      while (w.worker.running() > 0 && System.nanoTime() - t0 < 10_000_000_000L) {
        Thread.sleep(5);
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println("cancel to interrupted job end: " + ms + " ms");
      assertTrue(ms < 2000, "interrupted within about a second: " + ms + " ms");

      Thread.sleep(500);
      Job job = client.job(id);
      assertEquals(JobStatus.CANCELED, job.status());
      assertEquals(1, job.attempt(), "not retried");
      assertEquals(0L, redis.raw().zcard("myrq:{default}:scheduled"));
      assertEquals(0, w.worker.staleWrites(), "the worker wrote nothing for it");
      assertEquals("", Files.readString(out), "the job body was interrupted");
      assertEquals("5", awaitStatus(client, client.enqueue("com.acme.Task.add", 2, 3), JobStatus.FINISHED).result());
    } finally {
      Files.deleteIfExists(out);
    }
  }

  @Test
  void a_cancel_whose_message_was_missed_is_found_at_the_next_lease_renewal(TestRedis redis, MyrqClient client)
      throws Exception {
    try (RunningWorker w = new RunningWorker(RunningWorker.config(redis.url()))) {
      String id = client.enqueue("com.acme.Task.sleep", 20);
      awaitStatus(client, id, JobStatus.STARTED);
      awaitJob(client, id, j -> w.worker.running() == 1, Duration.ofSeconds(20));

      // what cancel.lua writes, without its message on the control channel
      String key = "myrq:{default}:job:" + id;
      redis.raw().hset(key, "status", "canceled");
      redis.raw().hdel(key, "lease");
      redis.raw().zrem("myrq:{default}:active", id);
      long t0 = System.nanoTime();
      while (w.worker.running() > 0 && System.nanoTime() - t0 < 20_000_000_000L) {
        Thread.sleep(10);
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms < 5000, "interrupted at the next renewal (every lease / 4 = 1 s here): " + ms + " ms");
      assertEquals(JobStatus.CANCELED, client.status(id));
      assertEquals(0, w.worker.staleWrites());
    }
  }

  private static long commandsProcessed(TestRedis redis) {
    String info = redis.raw().info("stats");
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("total_commands_processed:")) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    throw new IllegalStateException("no total_commands_processed in INFO");
  }
}
