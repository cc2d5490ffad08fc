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
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class WorkerTest {
  private RunningWorker w;
  private MyrqClient client;

  @BeforeEach
  void startWorker(TestRedis redis, MyrqClient c) {
    client = c;
    w = new RunningWorker(RunningWorker.config(redis.url()));
  }

  @AfterEach
  void stopWorker() throws InterruptedException {
    w.close();
  }

  @Test
  void add_finishes_with_the_sum_as_json_result_and_names_the_worker() {
    String id = client.enqueue("com.acme.Task.add", 2, 3);
    Job job = awaitStatus(client, id, JobStatus.FINISHED);
    assertEquals("5", job.result());
    assertEquals(w.config.name(), job.worker());
    assertEquals(1, job.attempt());
    assertTrue(job.endedAt() != null && job.startedAt() != null);
  }

  @Test
  void varargs_and_instance_methods_and_overloads_run() {
    String run = client.enqueue("com.acme.Task.run", "hello", "world");
    String greet = client.enqueue("com.acme.Task.greet", "ann");
    String one = client.enqueue("com.acme.Task.pick", "a");
    String two = client.enqueue("com.acme.Task.pick", "a", "b");
    assertEquals("\"HELLO WORLD\"", awaitStatus(client, run, JobStatus.FINISHED).result());
    assertEquals("\"hello, ann\"", awaitStatus(client, greet, JobStatus.FINISHED).result());
    assertEquals("\"one:a\"", awaitStatus(client, one, JobStatus.FINISHED).result());
    assertEquals("\"two:ab\"", awaitStatus(client, two, JobStatus.FINISHED).result());
  }

  @Test
  void void_job_finishes_with_null_result() {
    String id = client.enqueue("com.acme.Task.noop");
    assertEquals("null", awaitStatus(client, id, JobStatus.FINISHED).result());
  }

  @Test
  void sleeping_job_times_out_within_a_few_seconds() {
    String id = client.enqueue(JobRequest.of("com.acme.Task.sleep", 5).withTimeout(Duration.ofSeconds(1)));
    Job job = awaitJob(client, id, j -> j.status().isTerminal(), Duration.ofSeconds(4));
    assertEquals(JobStatus.TIMEOUT, job.status());
    assertTrue(job.error().contains("timeout of 1 s"), job.error());
    assertEquals(1, client.failed("default", 10).size());
  }

  @Test
  void spinning_job_times_out_and_worker_keeps_running_new_jobs() {
    String spin = client.enqueue(JobRequest.of("com.acme.testjobs.Risky.spin", 60).withTimeout(Duration.ofSeconds(1)));
    assertEquals(JobStatus.TIMEOUT, awaitStatus(client, spin, JobStatus.TIMEOUT).status());
    for (int i = 0; i < 10; i++) {
      String add = client.enqueue("com.acme.Task.add", i, 1);
      assertEquals(Integer.toString(i + 1), awaitStatus(client, add, JobStatus.FINISHED).result());
    }
  }

  @Test
  void jdk_class_is_refused_and_the_worker_lives() {
    String exit = client.enqueue("java.lang.System.exit", 1);
    Job job = awaitStatus(client, exit, JobStatus.FAILED);
    assertTrue(job.error().contains("not a job class"), job.error());
    assertEquals(1, job.attempt());
    String worker = client.enqueue("dev.myrq.worker.WorkerMain.main", "x");
    assertTrue(awaitStatus(client, worker, JobStatus.FAILED).error().contains("not in the jobs directory"));
    String add = client.enqueue("com.acme.Task.add", 1, 1);
    assertEquals("2", awaitStatus(client, add, JobStatus.FINISHED).result());
  }

  @Test
  void unknown_class_method_and_bad_args_fail_without_retries() {
    String cls = client.enqueue(JobRequest.of("com.acme.Nope.run").withRetries(3));
    String method = client.enqueue(JobRequest.of("com.acme.Task.nope").withRetries(3));
    String count = client.enqueue(JobRequest.of("com.acme.Task.add", 1).withRetries(3));
    String type = client.enqueue(JobRequest.of("com.acme.Task.add", "two", 3).withRetries(3));
    String frac = client.enqueue(JobRequest.of("com.acme.Task.add", 2.5, 3).withRetries(3));
    assertTrue(awaitStatus(client, cls, JobStatus.FAILED).error().contains("not in the jobs directory"));
    assertTrue(awaitStatus(client, method, JobStatus.FAILED).error().contains("no public method nope"));
    Job c = awaitStatus(client, count, JobStatus.FAILED);
    assertTrue(c.error().contains("takes 2 argument(s), the job has 1"), c.error());
    assertTrue(awaitStatus(client, type, JobStatus.FAILED).error().contains("argument 1"));
    assertTrue(awaitStatus(client, frac, JobStatus.FAILED).error().contains("not a whole number"));
    assertEquals(1, client.job(count).attempt());
  }

  @Test
  void throwing_job_is_retried_then_failed_with_its_stack_trace_and_history() {
    String id = client.enqueue(JobRequest.of("com.acme.Task.fail", "boom").withRetries(2).withBackoff(Duration.ZERO));
    Job job = awaitStatus(client, id, JobStatus.FAILED);
    assertEquals(3, job.attempt());
    assertEquals("java.lang.IllegalStateException: boom", job.error());
    assertTrue(job.excInfo().contains("com.acme.Task.fail(Task.java"), job.excInfo());
    assertEquals(3, com.google.gson.JsonParser.parseString(job.history()).getAsJsonArray().size());
  }

  @Test
  void flaky_job_succeeds_on_a_retry() throws Exception {
    java.nio.file.Path counter = java.nio.file.Files.createTempFile("flaky", ".txt");
    java.nio.file.Files.delete(counter);
    String id =
        client.enqueue(
            JobRequest.of("com.acme.testjobs.Risky.flaky", counter.toString(), 2).withRetries(3).withBackoff(Duration.ofMillis(100)));
    Job job = awaitStatus(client, id, JobStatus.FINISHED);
    assertEquals("3", job.result());
    assertEquals(3, job.attempt());
    assertEquals(2, com.google.gson.JsonParser.parseString(job.history()).getAsJsonArray().size());
  }

  @Test
  void delayed_job_waits_scheduled_then_runs() {
    String id = client.enqueue(JobRequest.of("com.acme.Task.add", 1, 2).withDueAt(java.time.Instant.now().plusSeconds(1)));
    assertEquals(JobStatus.SCHEDULED, client.status(id));
    assertEquals("3", awaitStatus(client, id, JobStatus.FINISHED).result());
  }

  @Test
  void jobs_that_arrive_while_the_worker_waits_run_on_job_threads() throws Exception {
    for (int i = 0; i < 3; i++) {
      Thread.sleep(100); // the worker is back in its wait, which then reads the job and starts it
      String id = client.enqueue("com.acme.testjobs.Risky.threadName");
      String thread = awaitStatus(client, id, JobStatus.FINISHED).result();
      assertTrue(thread.matches("\"myrq-job-\\d+\""), thread);
    }
  }

  @Test
  void jobs_arriving_one_by_one_never_run_more_than_the_concurrency_at_once(TestRedis redis) throws Exception {
    w.close();
    w = new RunningWorker(RunningWorker.with(RunningWorker.config(redis.url()), 2, Duration.ofSeconds(5)));
    java.util.List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(client.enqueue("com.acme.testjobs.Risky.overlap", 0.4));
      Thread.sleep(50);
    }
    int most = 0;
    for (String id : ids) {
      most = Math.max(most, Integer.parseInt(awaitStatus(client, id, JobStatus.FINISHED).result()));
    }
    assertEquals(2, most);
  }

  @Test
  void stop_puts_a_running_job_back_at_the_front_of_its_queue_at_once(TestRedis redis) throws Exception {
    w.close();
    WorkerConfig c = RunningWorker.config(redis.url());
    WorkerConfig shortGrace =
        new WorkerConfig(c.redis(), c.queues(), c.jobsDir(), c.allowPackages(), c.concurrency(), c.name(), false,
            Duration.ofMillis(300), c.lease(), c.defaultTimeout(), c.defaultRetries(), c.defaultBackoff(),
            c.maxCrashes(), c.maxStuck(), c.stuckAfter(), c.retention(), c.maxResultBytes());
    w = new RunningWorker(shortGrace);
    String id = client.enqueue("com.acme.Task.sleep", 30);
    awaitStatus(client, id, JobStatus.STARTED);
    w.stop();
    Job job = client.job(id);
    assertEquals(JobStatus.QUEUED, job.status());
    assertEquals(0, job.attempt());
    assertEquals(java.util.List.of(id), redis.raw().lrange("myrq:{default}:queue", 0, -1));
    assertEquals(0L, redis.raw().zcard("myrq:{default}:active"));
    assertTrue(client.workers().isEmpty());
  }

  @Test
  void allow_package_narrows_the_classes_that_may_run(TestRedis redis) throws Exception {
    w.close();
    WorkerConfig c = RunningWorker.config(redis.url());
    w = new RunningWorker(new WorkerConfig(c.redis(), c.queues(), c.jobsDir(), java.util.List.of("com.other"),
        c.concurrency(), c.name(), false, c.grace(), c.lease(), c.defaultTimeout(), c.defaultRetries(),
        c.defaultBackoff(), c.maxCrashes(), c.maxStuck(), c.stuckAfter(), c.retention(), c.maxResultBytes()));
    String id = client.enqueue("com.acme.Task.add", 1, 2);
    Job job = awaitStatus(client, id, JobStatus.FAILED);
    assertTrue(job.error().contains("outside the allowed packages [com.other]"), job.error());
  }

  @Test
  void queues_are_served_in_priority_order(TestRedis redis) throws Exception {
    w.close();
    WorkerConfig c = RunningWorker.config(redis.url(), "high", "low");
    java.util.List<String> low = new java.util.ArrayList<>();
    java.util.List<String> high = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      low.add(client.enqueue(JobRequest.of("com.acme.Task.noop").withQueue("low")));
      high.add(client.enqueue(JobRequest.of("com.acme.Task.noop").withQueue("high")));
    }
    w = new RunningWorker(c);
    long lastHighStart = 0;
    long firstLowStart = Long.MAX_VALUE;
    for (String id : high) {
      lastHighStart = Math.max(lastHighStart, awaitStatus(client, id, JobStatus.FINISHED).startedAt().toEpochMilli());
    }
    for (String id : low) {
      firstLowStart = Math.min(firstLowStart, awaitStatus(client, id, JobStatus.FINISHED).startedAt().toEpochMilli());
    }
    assertTrue(lastHighStart <= firstLowStart, "high " + lastHighStart + " before low " + firstLowStart);
    RunningWorker.sleep(300); // idle now, waiting on both queues
    String late = client.enqueue(JobRequest.of("com.acme.Task.add", 4, 4).withQueue("low"));
    assertEquals("8", awaitStatus(client, late, JobStatus.FINISHED).result());
  }

  @Test
  void live_worker_is_listed_with_its_queues() {
    var workers = client.workers();
    assertEquals(1, workers.size());
    assertEquals(w.config.name(), workers.get(0).name());
    assertEquals(java.util.List.of("default"), workers.get(0).queues());
    assertEquals(ProcessHandle.current().pid(), workers.get(0).pid());
    assertEquals(java.util.List.of(), workers.get(0).jobs(), "an idle worker holds no jobs");
  }
}
