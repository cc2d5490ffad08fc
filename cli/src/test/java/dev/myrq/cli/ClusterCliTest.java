package dev.myrq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.Broker;
import dev.myrq.core.JobEnding;
import dev.myrq.core.JobEnding.Outcome;
import dev.myrq.core.JobRequest;
import dev.myrq.core.LeasedJob;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.Retention;
import dev.myrq.core.WorkerInfo;
import dev.myrq.core.testing.TestCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The myrq command on a 3-master Redis Cluster (one per test JVM), pointed at any one node. */
class ClusterCliTest {
  private static TestCluster cluster;
  private static List<String> queues;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.shared();
    queues = List.of(cluster.queueOn(0, "ca"), cluster.queueOn(1, "cb"), cluster.queueOn(2, "cc"));
  }

  @BeforeEach
  void flush() {
    cluster.flushAll();
  }

  private static Cli.Run myrq(int node, String... args) {
    List<String> all = new ArrayList<>(List.of("--redis", cluster.nodeUrl(node)));
    all.addAll(List.of(args));
    return Cli.run(Map.of(), "", all.toArray(new String[0]));
  }

  @Test
  void enqueue_status_inspect_queues_and_workers_work_through_any_node() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < queues.size(); i++) {
      Cli.Run r = myrq(i, "enqueue", "--queue", queues.get((i + 1) % 3), "com.acme.Task.add", "1", "2");
      assertEquals(0, r.code(), r.err());
      ids.add(r.line());
    }
    for (int node = 0; node < cluster.size(); node++) {
      for (String id : ids) {
        Cli.Run status = myrq(node, "status", id);
        assertEquals(0, status.code(), status.err());
        assertEquals("queued", status.line());
        Cli.Run inspect = myrq(node, "inspect", "--json", id);
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("\"func\":\"com.acme.Task.add\""), inspect.out());
      }
      Cli.Run table = myrq(node, "queues");
      assertEquals(0, table.code(), table.err());
      for (String q : queues) {
        assertTrue(table.out().lines().anyMatch(l -> l.startsWith(q + " ") && l.split("\\s+")[1].equals("1")),
            table.out());
      }
    }
    Instant t = Instant.now();
    try (MyrqClient client = MyrqClient.connect(cluster.nodeUrl(2))) {
      client.broker(Retention.defaults()).heartbeat(
          new WorkerInfo("host-a:1", "host-a", 1, queues, List.of(), 8, 0, t, t, "0.1.0"), Duration.ofSeconds(30));
    }
    for (int node = 0; node < cluster.size(); node++) {
      Cli.Run workers = myrq(node, "workers");
      assertEquals(0, workers.code(), workers.err());
      assertTrue(workers.out().contains("host-a:1"), workers.out());
    }
  }

  @Test
  void failed_and_requeue_work_through_any_node() throws Exception {
    List<String> failed = new ArrayList<>();
    try (MyrqClient client = MyrqClient.connect(cluster.url())) {
      Broker broker = client.broker(Retention.defaults());
      for (String q : queues) {
        failed.add(client.enqueue(JobRequest.of("com.acme.Task.fail", "oops").withQueue(q)));
        LeasedJob l = broker.fetch(q, 1, "w1", "t:", Duration.ofSeconds(20)).jobs().get(0);
        broker.complete(q, List.of(new JobEnding(l.id(), l.token(), Outcome.FAILED, "IllegalStateException: oops",
            "", "", 0))).get();
      }
    }
    for (int node = 0; node < cluster.size(); node++) {
      Cli.Run list = myrq(node, "failed");
      assertEquals(0, list.code(), list.err());
      for (String id : failed) {
        assertTrue(list.out().contains(id), list.out());
      }
    }
    Cli.Run one = myrq(1, "requeue", failed.get(0));
    assertEquals(0, one.code(), one.err());
    assertEquals(failed.get(0), one.line());
    Cli.Run rest = myrq(0, "requeue", "--all");
    assertEquals(0, rest.code(), rest.err());
    assertEquals(2, rest.out().lines().count(), rest.out());
    for (String id : failed) {
      assertEquals("queued", myrq(2, "status", id).line());
    }
  }
}
