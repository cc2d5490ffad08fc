package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.Job;
import dev.myrq.core.JobRequest;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.RedisSettings;
import dev.myrq.core.ReplicaWaitException;
import dev.myrq.core.testing.TestSentinel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A producer and two workers on a {@code redis-sentinel://} URL with {@code --min-replicas 1}, while the Sentinel
 * fails the master over, planned ({@code SENTINEL FAILOVER}) and after a SIGKILL: every enqueue that returned
 * finishes. One master, one replica and one Sentinel (down-after 1 s, failover-timeout 10 s) serve both tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SentinelFailoverTest {
  private static final String QUEUE = "sentinel";
  private static TestSentinel sentinel;

  @BeforeAll
  static void start() {
    sentinel = new TestSentinel();
  }

  @AfterAll
  static void stop() {
    sentinel.close();
  }

  private static RedisSettings durable() {
    return RedisSettings.of(sentinel.url(TestSentinel.DATA_PASSWORD)).withMinReplicas(1);
  }

  @Test
  @Order(1)
  void planned_failover_loses_no_acknowledged_job() throws Exception {
    Stream s = stream(() -> {
      int old = sentinel.masterPort();
      sentinel.failover();
      sentinel.awaitNewMaster(old, Duration.ofSeconds(60));
    });
    assertTrue(s.acked().size() >= 10, "jobs were enqueued: " + s.acked().size());
  }

  @Test
  @Order(2)
  void sigkill_of_the_master_loses_no_acknowledged_job() throws Exception {
    long[] killedAt = new long[1];
    long[] goneAt = new long[1];
    long[] probeEnd = new long[1];
    Stream s = stream(() -> {
      int old = sentinel.masterPort();
      try (MyrqClient probe = MyrqClient.connect(
          RedisSettings.of(sentinel.url(TestSentinel.DATA_PASSWORD)).withTimeout(Duration.ofSeconds(1)))) {
        killedAt[0] = System.currentTimeMillis();
        sentinel.server(old).kill9();
        goneAt[0] = System.currentTimeMillis(); // the old master is dead: a later end is the new master's
        // a job without the durability setting, enqueued as soon as a master takes it (the new one has no replica
        // until the old one is back)
        String id = null;
        while (id == null) {
          try {
            id = probe.enqueue(JobRequest.of("com.acme.Task.noop").withQueue(QUEUE));
          } catch (RuntimeException e) {
            RunningWorker.sleep(20);
          }
        }
        probeEnd[0] = RunningWorker.awaitJob(probe, id, j -> j.status().isTerminal(), Duration.ofSeconds(60))
            .endedAt().toEpochMilli();
      }
      assertNotEquals(old, sentinel.masterPort(), "Sentinel named a new master");
      // back empty, the old master is made a replica of the new one by the Sentinel: enqueues are confirmed again
      sentinel.server(old).start();
    });
    long firstEnd = probeEnd[0];
    for (Job j : s.finished()) {
      if (j.endedAt().toEpochMilli() > goneAt[0]) {
        firstEnd = Math.min(firstEnd, j.endedAt().toEpochMilli());
      }
    }
    System.out.printf("SentinelFailoverTest: SIGKILL of the master -> first job finished on the new master: %d ms "
        + "(Sentinel down-after-milliseconds 1000, failover-timeout 10000; the first job enqueued after the kill "
        + "finished at %d ms)%n", firstEnd - killedAt[0], probeEnd[0] - killedAt[0]);
    assertTrue(s.acked().size() >= 10, "jobs were enqueued: " + s.acked().size());
  }

  /** What one stream saw: the ids whose enqueue returned, the enqueues refused, and the acknowledged jobs' ends. */
  private record Stream(List<String> acked, int refused, List<Job> finished) {}

  /**
   * Enqueue a short job every few ms through the fault (run after 1.5 s), then for 3 s more; then wait until every
   * acknowledged job has finished.
   */
  private Stream stream(ThrowingRunnable fault) throws Exception {
    sentinel.awaitHealthy(Duration.ofSeconds(90));
    List<String> acked = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger unconfirmed = new AtomicInteger();
    AtomicBoolean producing = new AtomicBoolean(true);
    List<RunningWorker> workers = new ArrayList<>();
    try (MyrqClient producer = MyrqClient.connect(durable())) {
      for (int i = 0; i < 2; i++) {
        workers.add(new RunningWorker(RunningWorker.config(durable(), QUEUE)));
      }
      Thread t = new Thread(() -> {
        while (producing.get()) {
          try {
            acked.add(producer.enqueue(JobRequest.of("com.acme.Task.sleep", 0.01).withQueue(QUEUE)));
            Thread.sleep(5);
          } catch (InterruptedException e) {
            return;
          } catch (RuntimeException e) {
            (e instanceof ReplicaWaitException ? unconfirmed : refused).incrementAndGet();
            RunningWorker.sleep(50);
          }
        }
      }, "producer");
      t.start();
      Thread.sleep(1500);
      fault.run();
      Thread.sleep(3000);
      producing.set(false);
      t.join(30_000);
      List<Job> finished = new ArrayList<>();
      for (String id : List.copyOf(acked)) {
        Job j = RunningWorker.awaitJob(producer, id, x -> x.status().isTerminal(), Duration.ofSeconds(120));
        assertEquals(JobStatus.FINISHED, j.status(), j.toString());
        finished.add(j);
      }
      System.out.printf("SentinelFailoverTest: %d jobs acknowledged, all finished; %d enqueues not confirmed by the "
          + "replica (exit 9), %d refused (Redis away)%n", acked.size(), unconfirmed.get(), refused.get());
      return new Stream(acked, refused.get() + unconfirmed.get(), finished);
    } finally {
      for (RunningWorker w : workers) {
        w.close();
      }
    }
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
