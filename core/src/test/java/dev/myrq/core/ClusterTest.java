package dev.myrq.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.JobEnding.Outcome;
import dev.myrq.core.testing.RedisProcess;
import dev.myrq.core.testing.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client API and the worker's port on a 3-master Redis Cluster (one per test JVM), entered through any node. */
class ClusterTest {
  private static final Duration LEASE = Duration.ofSeconds(20);
  private static TestCluster cluster;
  private static List<String> queues;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.shared();
    queues = List.of(cluster.queueOn(0, "a"), cluster.queueOn(1, "b"), cluster.queueOn(2, "c"));
  }

  @BeforeEach
  void flush() {
    cluster.flushAll();
  }

  @Test
  void enqueue_through_any_node_reaches_queues_on_every_master() {
    for (int entry = 0; entry < cluster.size(); entry++) {
      try (MyrqClient client = MyrqClient.connect(cluster.nodeUrl(entry))) {
        for (String q : queues) {
          String id = client.enqueue(JobRequest.of("com.acme.Task.add", 1, 2).withQueue(q));
          Job job = client.job(id);
          assertEquals(q, job.queue());
          assertEquals(JobStatus.QUEUED, job.status());
        }
      }
    }
    try (MyrqClient client = MyrqClient.connect(cluster.nodeUrl(1))) {
      Map<String, Long> queued = new TreeMap<>();
      client.queues().forEach(i -> queued.put(i.name(), i.queued()));
      assertEquals(Map.of(queues.get(0), 3L, queues.get(1), 3L, queues.get(2), 3L), queued);
    }
    for (int node = 0; node < cluster.size(); node++) {
      assertEquals(3, cluster.raw(node).llen("myrq:{" + queues.get(node) + "}:queue"), "queue on node " + node);
    }
  }

  @Test
  void a_broker_entered_through_one_node_leases_and_ends_jobs_on_every_master() throws Exception {
    try (MyrqClient producer = MyrqClient.connect(cluster.nodeUrl(2));
        MyrqClient worker = MyrqClient.connect(cluster.nodeUrl(0))) {
      List<String> ids = new ArrayList<>();
      for (String q : queues) {
        ids.add(producer.enqueue(JobRequest.of("com.acme.Task.add", 1, 2).withQueue(q).withPriority(3)));
        ids.add(producer.enqueue(JobRequest.of("com.acme.Task.add", 1, 2).withQueue(q)));
      }
      Broker broker = worker.broker(Retention.defaults());
      for (String q : queues) {
        try (QueueWatch watch = broker.watch(List.of(q), Duration.ofSeconds(1))) {
          List<LeasedJob> got = new ArrayList<>();
          watch.awaitAndStart(List.of(q), 10, "w1", "t:", LEASE, (queue, jobs) -> {
            got.addAll(jobs);
            return jobs.size();
          });
          assertEquals(2, got.size(), q);
          List<JobEnding> ends = new ArrayList<>();
          got.forEach(l -> ends.add(new JobEnding(l.id(), l.token(), Outcome.FINISHED, "3", "", "", 0)));
          assertTrue(broker.complete(q, ends).get().isEmpty());
        }
      }
      for (String id : ids) {
        assertEquals(JobStatus.FINISHED, producer.status(id), id);
      }
    }
  }

  @Test
  void a_step_sent_while_its_queue_is_half_moved_waits_for_the_move_and_strands_nothing() throws Exception {
    String q = cluster.queueOn(0, "m");
    int slot = TestCluster.slotOfQueue(q);
    try (MyrqClient client = MyrqClient.connect(cluster.nodeUrl(1))) {
      String id = client.enqueue(JobRequest.of("com.acme.Task.noop").withQueue(q)
          .withDueAt(java.time.Instant.now().plusMillis(50)));
      client.enqueue(JobRequest.of("com.acme.Task.noop").withQueue(q));
      Thread.sleep(100);
      cluster.beginMove(slot, 1);
      cluster.moveKeys(0, 1, List.of("myrq:{" + q + "}:job:" + id));
      // the schedule and the queue are still on node 0, the due job's hash already on node 1: promote.lua must not
      // take the id out of the schedule and then fail on the hash
      var later = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
      later.schedule(() -> cluster.endMove(slot, 0, 1), 1, java.util.concurrent.TimeUnit.SECONDS);
      long promoted = client.broker(Retention.defaults()).promote(q, 100);
      later.shutdown();
      assertTrue(later.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(1, promoted);
      assertEquals(1, cluster.ownerOf(slot));
      assertEquals(JobStatus.QUEUED, client.status(id));
      assertEquals(2L, cluster.raw(1).llen("myrq:{" + q + "}:queue"));
    }
  }

  @Test
  void bulk_enqueue_spreads_over_the_masters_by_queue() {
    try (MyrqClient client = MyrqClient.connect(cluster.url())) {
      List<JobRequest> many = new ArrayList<>();
      for (int i = 0; i < 1500; i++) {
        many.add(JobRequest.of("com.acme.Task.noop").withQueue(queues.get(i % 3)));
      }
      assertEquals(1500, client.enqueueMany(many).size());
      client.queues().forEach(i -> assertEquals(500, i.queued(), i.name()));
    }
  }

  @Test
  void several_seed_nodes_connect_while_the_first_is_down() {
    String url = "redis://127.0.0.1:" + RedisProcess.freePort(false) + "," + cluster.nodeUrl(2).substring(8);
    try (MyrqClient client = MyrqClient.connect(RedisSettings.of(url).withTimeout(Duration.ofSeconds(2)))) {
      String id = client.enqueue(JobRequest.of("com.acme.Task.noop").withQueue(queues.get(0)));
      assertEquals(JobStatus.QUEUED, client.status(id));
    }
  }
}
