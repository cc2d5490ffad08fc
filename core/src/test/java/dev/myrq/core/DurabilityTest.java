package dev.myrq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.JobEnding.Outcome;
import dev.myrq.core.testing.RedisProcess;
import dev.myrq.core.testing.TestCluster;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The durability setting on a real master and replica (redis-server processes): with {@code minReplicas 1} an
 * enqueue returns only once the replica has the job, and fails with {@link ReplicaWaitException} while the replica
 * hangs (SIGSTOP); a job end the replica does not confirm is written and kept.
 */
class DurabilityTest {
  private static RedisProcess master;
  private static RedisProcess replica;
  private static RedisClient raw;
  private static RedisCommands<String, String> onMaster;
  private static RedisCommands<String, String> onReplica;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("myrq-durability");
    master = RedisProcess.server(RedisProcess.freePort(false), dir.resolve("master"));
    replica = RedisProcess.server(RedisProcess.freePort(false), dir.resolve("replica"),
        "replicaof 127.0.0.1 " + master.port());
    raw = RedisClient.create();
    onMaster = connect(master).sync();
    onReplica = connect(replica).sync();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!onMaster.info("replication").contains("state=online")) {
      assertTrue(System.nanoTime() < end, "replica did not sync");
      Thread.sleep(50);
    }
  }

  private static StatefulRedisConnection<String, String> connect(RedisProcess p) {
    return raw.connect(io.lettuce.core.RedisURI.create("redis://" + p.hostPort()));
  }

  @AfterAll
  static void stop() {
    raw.shutdown();
    replica.close();
    master.close();
  }

  @BeforeEach
  void flush() {
    onMaster.flushall();
  }

  private static MyrqClient durable() {
    return MyrqClient.connect(
        RedisSettings.of("redis://" + master.hostPort()).withTimeout(Duration.ofSeconds(2)).withMinReplicas(1));
  }

  @Test
  void enqueue_bulk_enqueue_and_requeue_return_once_the_replica_has_them() {
    try (MyrqClient client = durable()) {
      String id = client.enqueue("com.acme.Task.add", 1, 2);
      assertEquals("com.acme.Task.add", onReplica.hget("myrq:{default}:job:" + id, "func"));

      List<JobRequest> many = new ArrayList<>();
      for (int i = 0; i < 1200; i++) {
        many.add(JobRequest.of("com.acme.Task.noop").withQueue(i % 2 == 0 ? "a" : "b"));
      }
      List<String> ids = client.enqueueMany(many);
      assertEquals(600L, onReplica.llen("myrq:{a}:queue"));
      assertEquals(600L, onReplica.llen("myrq:{b}:queue"));
      assertEquals(1L, onReplica.exists("myrq:{b}:job:" + ids.get(1199)));

      Broker broker = client.broker(Retention.defaults());
      LeasedJob l = broker.fetch("default", 1, "w1", "t:", Duration.ofSeconds(20)).jobs().get(0);
      broker.complete("default", List.of(new JobEnding(id, l.token(), Outcome.FAILED, "E: x", "", "", 0))).join();
      assertEquals("failed", onReplica.hget("myrq:{default}:job:" + id, "status"));
      assertEquals(List.of(id), client.requeue(List.of(id)));
      assertEquals("queued", onReplica.hget("myrq:{default}:job:" + id, "status"));
    }
  }

  @Test
  void enqueue_fails_with_ReplicaWaitException_while_the_replica_hangs_and_succeeds_once_it_is_back() {
    try (MyrqClient client = durable()) {
      client.enqueue("com.acme.Task.noop");
      replica.pause();
      try {
        ReplicaWaitException e = assertThrows(ReplicaWaitException.class, () -> client.enqueue("com.acme.Task.noop"));
        assertEquals(0, e.confirmed());
        assertEquals(1, e.wanted());
        assertTrue(e.what().startsWith("job "), e.what());
        assertTrue(e.getMessage().contains("reached the Redis master, but 0 of 1 replicas confirmed the write"),
            e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        ReplicaWaitException bulk = assertThrows(ReplicaWaitException.class,
            () -> client.enqueueMany(List.of(JobRequest.of("com.acme.Task.noop"), JobRequest.of("com.acme.Task.noop"))));
        assertEquals("2 jobs", bulk.what());
      } finally {
        replica.resume();
      }
      String id = client.enqueue("com.acme.Task.noop");
      assertEquals(1L, onReplica.exists("myrq:{default}:job:" + id));
    }
  }

  @Test
  void a_job_end_the_replica_does_not_confirm_is_written_and_kept() {
    try (MyrqClient client = durable()) {
      String id = client.enqueue("com.acme.Task.noop");
      Broker broker = client.broker(Retention.defaults());
      LeasedJob l = broker.fetch("default", 1, "w1", "t:", Duration.ofSeconds(20)).jobs().get(0);
      replica.pause();
      try {
        long t0 = System.nanoTime();
        List<String> stale = broker
            .complete("default", List.of(new JobEnding(id, l.token(), Outcome.FINISHED, "null", "", "", 0))).join();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(List.of(), stale);
        assertTrue(ms >= 900, "the end waited for WAIT's timeout (1 s): " + ms + " ms");
        assertEquals(JobStatus.FINISHED, client.status(id));
      } finally {
        replica.resume();
      }
    }
  }

  @Test
  void concurrent_enqueues_share_their_waits() throws Exception {
    onMaster.configResetstat();
    int threads = 8;
    int each = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (MyrqClient client = durable()) {
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        fs.add(pool.submit(() -> {
          for (int i = 0; i < each; i++) {
            client.enqueue("com.acme.Task.noop");
          }
        }));
      }
      for (Future<?> f : fs) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(threads * each, onReplica.llen("myrq:{default}:queue"));
    long waits = calls(onMaster.info("commandstats"), "wait");
    System.out.printf("DurabilityTest: %d enqueues from %d threads confirmed by %d WAITs%n", threads * each, threads,
        waits);
    assertTrue(waits > 0 && waits < threads * each, "WAITs: " + waits);
  }

  private static long calls(String commandStats, String command) {
    for (String line : commandStats.split("\r?\n")) {
      if (line.startsWith("cmdstat_" + command + ":calls=")) {
        String v = line.substring(line.indexOf('=') + 1);
        return Long.parseLong(v.substring(0, v.indexOf(',')));
      }
    }
    return 0;
  }

  @Test
  void a_master_short_of_its_min_replicas_to_write_is_away_for_now() {
    onMaster.configSet("min-replicas-to-write", "2");
    try (MyrqClient client = MyrqClient.connect("redis://" + master.hostPort())) {
      RedisUnavailableException e =
          assertThrows(RedisUnavailableException.class, () -> client.enqueue("com.acme.Task.noop"));
      assertTrue(e.getMessage().contains("refuses writes for now: NOREPLICAS"), e.getMessage());
    } finally {
      onMaster.configSet("min-replicas-to-write", "0");
    }
  }

  @Test
  void min_replicas_on_a_redis_cluster_is_a_configuration_error() {
    RedisSettings s = RedisSettings.of(TestCluster.shared().url()).withMinReplicas(1);
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> MyrqClient.connect(s).close());
    assertTrue(e.getMessage().contains("is not supported on a Redis Cluster yet"), e.getMessage());
  }

  @Test
  void min_replicas_comes_from_the_flag_else_the_environment_else_zero() {
    assertEquals(2, RedisSettings.resolveMinReplicas(2, Map.of(RedisSettings.ENV_MIN_REPLICAS, "1")));
    assertEquals(1, RedisSettings.resolveMinReplicas(null, Map.of(RedisSettings.ENV_MIN_REPLICAS, " 1 ")));
    assertEquals(0, RedisSettings.resolveMinReplicas(null, Map.of()));
    assertThrows(InvalidConfigException.class,
        () -> RedisSettings.resolveMinReplicas(null, Map.of(RedisSettings.ENV_MIN_REPLICAS, "one")));
    assertThrows(InvalidConfigException.class, () -> RedisSettings.of("redis://h:1").withMinReplicas(-1));
    assertThrows(InvalidConfigException.class, () -> RedisSettings.of("redis://h:1").withMinReplicas(101));
  }
}
