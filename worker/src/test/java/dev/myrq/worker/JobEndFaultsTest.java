package dev.myrq.worker;

import static dev.myrq.worker.RunningWorker.awaitJob;
import static dev.myrq.worker.RunningWorker.awaitStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.Job;
import dev.myrq.core.JobRequest;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import dev.myrq.core.testing.RedisProcess;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Whatever a job throws or returns, Errors included, ends that job alone with a reason in its hash and the failed
 * registry; the worker's threads go on, and no end that cannot be written holds back another.
 */
@ExtendWith(RedisExtension.class)
class JobEndFaultsTest {

  @Test
  void a_signature_naming_a_class_missing_from_the_jobs_jars_fails_its_job_and_the_worker_goes_on(
      TestRedis redis, MyrqClient client) throws Exception {
    try (RunningWorker w = new RunningWorker(RunningWorker.config(redis.url()))) {
      String missing = client.enqueue(JobRequest.of("com.acme.testjobs.NeedsGson.run", java.util.Map.of()).withRetries(3));
      String generic = client.enqueue(JobRequest.of("com.acme.testjobs.NeedsGsonGeneric.count", List.of()).withRetries(3));
      Job m = awaitTerminal(client, missing);
      assertFailedOnce(redis, m, "UnrunnableJob: class com.acme.testjobs.NeedsGson cannot be used");
      assertTrue(m.error().contains("com/google/gson/JsonObject"), m.error());
      Job g = awaitTerminal(client, generic);
      assertFailedOnce(redis, g, "UnrunnableJob: java.lang.TypeNotPresentException");
      assertTrue(g.error().contains("missing from the jobs jars"), g.error());
      for (int i = 0; i < 3; i++) { // the fetcher still leases: one job after another
        assertEquals("2", awaitStatus(client, client.enqueue("com.acme.Task.add", 1, 1), JobStatus.FINISHED).result());
      }
    }
  }

  @Test
  void results_that_are_not_json_or_too_large_and_throwables_that_throw_end_their_job_without_a_retry(
      TestRedis redis, MyrqClient client) throws Exception {
    WorkerConfig c = RunningWorker.config(redis.url());
    try (RunningWorker w = new RunningWorker(RunningWorker.withMaxResult(c, 100_000))) {
      String self = enqueue(client, "com.acme.testjobs.Faulty.selfResult");
      String nan = enqueue(client, "com.acme.testjobs.Faulty.nan");
      String big = enqueue(client, "com.acme.testjobs.Faulty.big", 200_000);
      String fits = enqueue(client, "com.acme.testjobs.Faulty.big", 90_000);
      String message = client.enqueue(JobRequest.of("com.acme.testjobs.Faulty.badMessage").withRetries(0));
      String error = client.enqueue(JobRequest.of("com.acme.testjobs.Faulty.error").withRetries(0));

      assertFailedOnce(redis, awaitTerminal(client, self), "ResultError: the result is not JSON: it contains itself");
      Job n = awaitTerminal(client, nan);
      assertFailedOnce(redis, n, "ResultError: the result is not JSON");
      assertTrue(n.error().contains("NaN"), n.error());
      Job b = awaitTerminal(client, big);
      assertFailedOnce(redis, b, "ResultError: the result is 200002 bytes of JSON, over the worker's --max-result-size");
      assertNull(b.result(), "a result over the limit is not stored");
      assertEquals(90_002, awaitStatus(client, fits, JobStatus.FINISHED).result().length());
      Job m = awaitTerminal(client, message);
      assertFailedOnce(redis, m, "com.acme.testjobs.Faulty$1: (its getMessage threw");
      assertFailedOnce(redis, awaitTerminal(client, error), "java.lang.AssertionError: an Error, not an Exception");
      assertEquals("2", awaitStatus(client, client.enqueue("com.acme.Task.add", 1, 1), JobStatus.FINISHED).result());
    }
  }

  @Test
  void an_end_redis_refuses_fails_that_job_alone_and_the_ends_sent_with_it_are_written() throws Exception {
    try (RedisProcess small = RedisProcess.server(RedisProcess.freePort(false),
            Files.createTempDirectory("myrq-small-bulk"), "proto-max-bulk-len 1mb");
        MyrqClient client = MyrqClient.connect("redis://" + small.hostPort())) {
      WorkerConfig c = RunningWorker.config("redis://" + small.hostPort());
      List<String> adds = new ArrayList<>();
      String big = client.enqueue(JobRequest.of("com.acme.testjobs.Faulty.big", 2_000_000).withRetries(3));
      for (int i = 0; i < 3; i++) {
        adds.add(client.enqueue("com.acme.Task.add", i, 1));
      }
      try (RunningWorker w = new RunningWorker(RunningWorker.withMaxResult(c, 8L * 1024 * 1024))) {
        for (int i = 0; i < adds.size(); i++) {
          assertEquals(Integer.toString(i + 1), awaitStatus(client, adds.get(i), JobStatus.FINISHED).result());
        }
        Job b = awaitTerminal(client, big);
        assertEquals(JobStatus.FAILED, b.status(), b.error());
        assertTrue(b.error().startsWith("ResultError: Redis refused to store this job's end"), b.error());
        assertTrue(b.error().contains("invalid bulk length"), b.error());
        assertEquals(1, b.attempt());
        assertEquals("2", awaitStatus(client, client.enqueue("com.acme.Task.add", 1, 1), JobStatus.FINISHED).result());
      }
    }
  }

  @Test
  void an_out_of_memory_error_in_a_job_is_retried_under_its_retry_count_then_fails_and_the_worker_goes_on(
      TestRedis redis, MyrqClient client) throws Exception {
    try (RunningWorker w = new RunningWorker(RunningWorker.config(redis.url()))) {
      String id = client.enqueue(
          JobRequest.of("com.acme.testjobs.Faulty.outOfMemory").withRetries(1).withBackoff(Duration.ZERO));
      Job job = awaitStatus(client, id, JobStatus.FAILED);
      assertEquals(2, job.attempt(), "one retry, as asked");
      assertTrue(job.error().startsWith("java.lang.OutOfMemoryError: "), job.error());
      assertEquals("2", awaitStatus(client, client.enqueue("com.acme.Task.add", 1, 1), JobStatus.FINISHED).result());
    }
  }

  private static String enqueue(MyrqClient client, String func, Object... args) {
    return client.enqueue(JobRequest.of(func, args).withRetries(3).withBackoff(Duration.ZERO));
  }

  private static Job awaitTerminal(MyrqClient client, String id) {
    return awaitJob(client, id, j -> j.status().isTerminal(), Duration.ofSeconds(30));
  }

  private static void assertFailedOnce(TestRedis redis, Job job, String errorStart) {
    assertEquals(JobStatus.FAILED, job.status(), job.error());
    assertTrue(job.error().startsWith(errorStart), job.error());
    assertEquals(1, job.attempt(), "not retried: " + job.history());
    assertTrue(redis.raw().zscore("myrq:{default}:failed", job.id()) != null, "in the failed registry");
  }
}
