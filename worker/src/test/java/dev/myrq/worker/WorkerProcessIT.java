package dev.myrq.worker;

import static dev.myrq.worker.RunningWorker.awaitJob;
import static dev.myrq.worker.RunningWorker.awaitStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.myrq.core.Job;
import dev.myrq.core.JobRequest;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import dev.myrq.worker.Processes.CliRun;
import dev.myrq.worker.Processes.WorkerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The worker and CLI fat jars as separate processes, as an operator runs them. */
@ExtendWith(RedisExtension.class)
class WorkerProcessIT {

  @Test
  void cli_and_worker_jars_run_the_example_jobs_end_to_end(TestRedis redis) throws Exception {
    try (WorkerProcess w = Processes.worker(redis.url(), RunningWorker.jobsDir(), "--concurrency", "4")) {
      String add = enqueue(redis, "com.acme.Task.add", "2", "3");
      String sleep = enqueue(redis, "com.acme.Task.sleep", "5", "--timeout", "1");
      String spin = enqueue(redis, "com.acme.testjobs.Risky.spin", "60", "--timeout", "1");
      String exit = enqueue(redis, "java.lang.System.exit", "1");

      assertEquals("finished", awaitCliStatus(redis, add, w));
      JsonObject json = JsonParser.parseString(Processes.cli(redis.url(), "inspect", add, "--json").out()).getAsJsonObject();
      assertEquals(5, json.get("result").getAsInt());
      assertEquals("timeout", awaitCliStatus(redis, sleep, w));
      assertEquals("timeout", awaitCliStatus(redis, spin, w));
      assertEquals("failed", awaitCliStatus(redis, exit, w));
      String after = enqueue(redis, "com.acme.Task.add", "40", "2");
      assertEquals("finished", awaitCliStatus(redis, after, w));
      String logged = enqueueByApi(redis, "com.acme.Logged.say", "hi");
      awaitCliStatus(redis, logged, w);
      String line = w.log().lines().filter(l -> l.contains("job says: hi")).findFirst().orElse("");
      assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z INFO  \\[myrq-job-\\d+\\] Logged job=" + logged
          + " - job says: hi"), "a job's own SLF4J line has the worker's format and its id: '" + line + "'");
      assertTrue(w.process.isAlive(), "worker lives on after System.exit and a stuck spin job");
      assertEquals(0, w.term(30), w.log());
    }
  }

  @Test
  void killed_workers_job_runs_again_on_another_worker_within_the_recovery_bound(TestRedis redis, MyrqClient client)
      throws Exception {
    Path jobs = RunningWorker.jobsDir();
    Path record = Files.createTempFile("myrq-record", ".txt");
    String id = client.enqueue(JobRequest.of("com.acme.testjobs.Risky.sleepThenRecord", 4, record.toString(), "done"));
    long recoveredMillis;
    try (WorkerProcess a = Processes.worker(redis.url(), jobs, "--lease", "4s", "--name", "a")) {
      awaitJob(client, id, j -> j.status() == JobStatus.STARTED, Duration.ofSeconds(30));
      a.kill9();
      long killed = System.nanoTime();
      try (WorkerProcess b = Processes.worker(redis.url(), jobs, "--lease", "4s", "--name", "b")) {
        awaitJob(client, id, j -> j.status() == JobStatus.STARTED && "b".equals(j.worker()), Duration.ofSeconds(30));
        recoveredMillis = (System.nanoTime() - killed) / 1_000_000;
        Job job = awaitStatus(client, id, JobStatus.FINISHED);
        assertEquals(1, job.crashes());
        assertEquals(List.of("done"), Files.readAllLines(record));
        assertEquals(0, b.term(30), b.log());
      }
    }
    // lease 4 s + reap tick 1 s, plus JVM start of worker b; generous bound to catch a hang, not a benchmark
    // (worker b's start alone took over 15 s at a load average of 30 on 2 cores)
    assertTrue(recoveredMillis < 45_000, "recovered after " + recoveredMillis + " ms");
  }

  @Test
  void sigterm_mid_job_puts_the_job_back_in_its_queue_at_once_and_exits_0(TestRedis redis, MyrqClient client)
      throws Exception {
    String id = client.enqueue("com.acme.Task.sleep", 60);
    try (WorkerProcess w = Processes.worker(redis.url(), RunningWorker.jobsDir(), "--grace", "1s")) {
      awaitJob(client, id, j -> j.status() == JobStatus.STARTED, Duration.ofSeconds(30));
      assertEquals(0, w.term(20), w.log());
    }
    assertEquals(JobStatus.QUEUED, client.status(id));
    assertEquals(List.of(id), redis.raw().lrange("myrq:{default}:queue", 0, -1));
    assertEquals(0L, redis.raw().zcard("myrq:{default}:active"));
    assertTrue(client.workers().isEmpty(), "the worker removed its record");
  }

  @Test
  void too_many_stuck_threads_make_the_worker_exit_with_code_3(TestRedis redis, MyrqClient client) throws Exception {
    client.enqueue(JobRequest.of("com.acme.testjobs.Risky.spin", 120).withTimeout(Duration.ofSeconds(1)));
    try (WorkerProcess w = Processes.worker(redis.url(), RunningWorker.jobsDir(), "--max-stuck", "0", "--grace", "1s")) {
      assertEquals(3, w.awaitExit(60), w.log());
      assertTrue(w.log().contains("ignored its interrupt"), w.log());
    }
  }

  @Test
  void embedded_redis_on_a_taken_port_is_a_one_line_error_with_exit_2(TestRedis redis) throws Exception {
    try (WorkerProcess w = Processes.worker(redis.url(), RunningWorker.jobsDir(), "--embedded-redis")) {
      assertEquals(2, w.awaitExit(30));
      String log = w.log();
      assertTrue(log.contains("is taken"), log);
      assertTrue(!log.contains("\tat "), "no stack trace: " + log);
    }
  }

  private static String enqueue(TestRedis redis, String... args) {
    String[] full = new String[args.length + 1];
    full[0] = "enqueue";
    System.arraycopy(args, 0, full, 1, args.length);
    CliRun r = Processes.cli(redis.url(), full);
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().matches("[0-9a-f-]{36}"), "enqueue prints only the id: " + r.out());
    return r.out();
  }

  private static String enqueueByApi(TestRedis redis, String func, Object... args) {
    try (MyrqClient client = MyrqClient.connect(redis.url())) {
      return client.enqueue(func, args);
    }
  }

  /** Wait through the API (cheap), then read the final status through the CLI jar (what is under test). */
  private static String awaitCliStatus(TestRedis redis, String id, WorkerProcess w) {
    try (MyrqClient client = MyrqClient.connect(redis.url())) {
      long end = System.nanoTime() + 30_000_000_000L;
      while (!client.status(id).isTerminal()) {
        if (System.nanoTime() > end) {
          throw new AssertionError("job " + id + " stuck at " + client.status(id) + "; worker log:\n" + w.log());
        }
        RunningWorker.sleep(50);
      }
    }
    CliRun r = Processes.cli(redis.url(), "status", id);
    assertEquals(0, r.exit(), r.err());
    return r.out();
  }
}
