package dev.myrq.worker;

import static dev.myrq.worker.RunningWorker.awaitStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.InvalidConfigException;
import dev.myrq.core.JobRequest;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Per-job priority inside a queue, and weighted or strict order across a worker's queues, on a real worker. */
@ExtendWith(RedisExtension.class)
class PriorityAndWeightsTest {

  private static WorkerConfig oneAtATime(WorkerConfig c) {
    return new WorkerConfig(c.redis(), c.queues(), c.jobsDir(), c.allowPackages(), 1, c.name(), c.burst(), c.grace(),
        c.lease(), c.defaultTimeout(), c.defaultRetries(), c.defaultBackoff(), c.maxCrashes(), c.maxStuck(),
        c.stuckAfter(), c.retention(), c.maxResultBytes(), c.metricsListen(), c.weights());
  }

  @Test
  void a_worker_runs_higher_priorities_first_and_fifo_within_one(TestRedis redis, MyrqClient client, @TempDir Path tmp)
      throws Exception {
    Path log = tmp.resolve("order.txt");
    String[] names = {"low-a", "mid-a", "high-a", "mid-b", "high-b", "low-b"};
    int[] priorities = {-1, 0, 4, 0, 4, -1};
    String last = null;
    for (int i = 0; i < names.length; i++) {
      last = client.enqueue(JobRequest.of("com.acme.testjobs.Risky.record", log.toString(), names[i]).withPriority(priorities[i]));
    }
    try (RunningWorker w = new RunningWorker(oneAtATime(RunningWorker.config(redis.url())))) {
      awaitStatus(client, last, JobStatus.FINISHED);
    }
    assertEquals(List.of("high-a", "high-b", "mid-a", "mid-b", "low-a", "low-b"), Files.readAllLines(log));
  }

  @Test
  void an_idle_worker_wakes_for_a_prioritized_job(TestRedis redis, MyrqClient client) throws Exception {
    try (RunningWorker w = new RunningWorker(RunningWorker.config(redis.url()))) {
      Thread.sleep(300);
      long start = System.nanoTime();
      String id = client.enqueue(JobRequest.of("com.acme.Task.noop").withPriority(3));
      awaitStatus(client, id, JobStatus.FINISHED);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms < 1500, "woken by the ready list, not by the 2 s block timeout: " + ms + " ms");
    }
  }

  @Test
  void weighted_queues_serve_the_light_queue_before_the_heavy_one_is_empty(
      TestRedis redis, MyrqClient client, @TempDir Path tmp) throws Exception {
    Path log = tmp.resolve("order.txt");
    List<JobRequest> jobs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      jobs.add(JobRequest.of("com.acme.testjobs.Risky.record", log.toString(), "high").withQueue("high"));
      jobs.add(JobRequest.of("com.acme.testjobs.Risky.record", log.toString(), "low").withQueue("low"));
    }
    List<String> ids = client.enqueueMany(jobs);
    WorkerConfig c = oneAtATime(RunningWorker.config(redis.url(), "high", "low")).withWeights(List.of(5, 1));
    try (RunningWorker w = new RunningWorker(c)) {
      for (String id : ids) {
        awaitStatus(client, id, JobStatus.FINISHED);
      }
    }
    List<String> order = Files.readAllLines(log);
    int lastHigh = order.lastIndexOf("high");
    long lowBefore = order.subList(0, lastHigh).stream().filter("low"::equals).count();
    assertTrue(lowBefore > 0, "the low queue was served while high still had jobs: " + order);
    assertTrue(order.subList(0, 60).stream().filter("high"::equals).count() > 30, "high served more: " + order);
  }

  @Test
  void weighted_order_puts_each_queue_first_in_proportion_to_its_weight_and_strict_order_never_moves() {
    QueueOrder weighted = QueueOrder.of(List.of("high", "low"), List.of(5, 1), new Random(7));
    int highFirst = 0;
    for (int i = 0; i < 6000; i++) {
      List<String> o = weighted.next();
      assertEquals(2, o.size());
      highFirst += o.get(0).equals("high") ? 1 : 0;
    }
    assertTrue(highFirst > 4700 && highFirst < 5300, "about 5/6 of 6000: " + highFirst);
    QueueOrder strict = QueueOrder.of(List.of("high", "low"), List.of(), new Random(7));
    for (int i = 0; i < 100; i++) {
      assertEquals(List.of("high", "low"), strict.next());
    }
  }

  @Test
  void queue_option_reads_weights_and_refuses_bad_ones() {
    assertEquals(new QueueWeights(List.of("high", "low"), List.of(5, 1)), QueueWeights.parse(List.of("high:5", "low")));
    assertEquals(new QueueWeights(List.of("a", "b"), List.of()), QueueWeights.parse(List.of("a", "b")));
    assertEquals(new QueueWeights(List.of("x:2"), List.of(1)), QueueWeights.parse(List.of("x:2:1")));
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> QueueWeights.parse(List.of("high:0")));
    assertEquals("--queue high:0: the weight must be 1 to 1000", e.getMessage());
    assertThrows(InvalidConfigException.class, () -> QueueWeights.parse(List.of("a:1", "a:2")));
  }
}
