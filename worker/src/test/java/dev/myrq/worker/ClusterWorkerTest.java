package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.Job;
import dev.myrq.core.JobRequest;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.QueueInfo;
import dev.myrq.core.testing.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Workers on a 3-master Redis Cluster: entered through any node, they serve queues whose slots live on every
 * master; a busy queue's slot moved to another master while its jobs run loses none.
 */
class ClusterWorkerTest {
  private static TestCluster cluster;
  private static List<String> queues;

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.shared();
    queues = List.of(cluster.queueOn(0, "wa"), cluster.queueOn(1, "wb"), cluster.queueOn(2, "wc"));
  }

  @BeforeEach
  void flush() {
    cluster.flushAll();
  }

  @Test
  void workers_entered_through_each_node_finish_jobs_on_every_master() throws Exception {
    List<RunningWorker> workers = new ArrayList<>();
    try (MyrqClient client = MyrqClient.connect(cluster.nodeUrl(0))) {
      for (int node = 0; node < cluster.size(); node++) {
        workers.add(new RunningWorker(RunningWorker.config(cluster.nodeUrl(node), queues.toArray(new String[0]))));
      }
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        ids.add(client.enqueue(JobRequest.of("com.acme.Task.add", i, 1).withQueue(queues.get(i % 3))));
      }
      for (int i = 0; i < ids.size(); i++) {
        Job job = RunningWorker.awaitJob(client, ids.get(i), j -> j.status().isTerminal(), Duration.ofSeconds(60));
        assertEquals(JobStatus.FINISHED, job.status(), job.toString());
        assertEquals(Integer.toString(i + 1), job.result());
      }
      assertEquals(3, client.workers().size());
      for (QueueInfo q : client.queues()) {
        assertEquals(20, q.finished(), q.name());
      }
    } finally {
      for (RunningWorker w : workers) {
        w.close();
      }
    }
  }

  @Test
  void moving_a_busy_queues_slot_to_another_master_strands_no_job() throws Exception {
    String q = queues.get(0);
    int slot = TestCluster.slotOfQueue(q);
    int from = cluster.ownerOf(slot);
    int to = (from + 1) % cluster.size();
    List<RunningWorker> workers = new ArrayList<>();
    try (MyrqClient client = MyrqClient.connect(cluster.url())) {
      List<JobRequest> jobs = new ArrayList<>();
      java.util.Random random = new java.util.Random(8);
      for (int i = 0; i < 1000; i++) {
        jobs.add(JobRequest.of("com.acme.Task.sleep", 0.02).withQueue(q));
      }
      List<String> ids = new ArrayList<>(client.enqueueMany(jobs.subList(0, 500)));
      for (int w = 0; w < 2; w++) {
        RunningWorker worker = new RunningWorker(RunningWorker.config(cluster.nodeUrl(w), q));
        workers.add(worker);
      }
      Thread producer = new Thread(() -> {
        for (JobRequest r : jobs.subList(500, 1000)) {
          // due within 4 s: the workers promote them from the schedule while the slot moves
          JobRequest later = r.withDueAt(java.time.Instant.now().plusMillis(200 + random.nextInt(4000)));
          synchronized (ids) {
            ids.add(client.enqueue(later));
          }
        }
      });
      producer.start();
      RunningWorker.sleep(200);
      QueueInfo before = client.queues().stream().filter(i -> i.name().equals(q)).findFirst().orElseThrow();
      assertTrue(before.queued() + before.started() > 0, "jobs wait or run when the slot starts moving: " + before);
      int moved = cluster.migrateSlot(slot, to, 25, Duration.ofMillis(30));
      producer.join(120_000);
      assertEquals(to, cluster.ownerOf(slot));
      assertTrue(moved > 0, "the slot held keys when it moved");
      assertEquals(1000, ids.size());
      for (String id : ids) {
        Job job = RunningWorker.awaitJob(client, id, j -> j.status().isTerminal(), Duration.ofSeconds(120));
        assertEquals(JobStatus.FINISHED, job.status(), job.toString());
      }
      QueueInfo info = client.queues().stream().filter(i -> i.name().equals(q)).findFirst().orElseThrow();
      assertEquals(0, info.queued());
      assertEquals(0, info.started());
      assertEquals(1000, info.finished());
    } finally {
      for (RunningWorker w : workers) {
        w.close();
      }
    }
  }
}
