package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** Workers on a 3-master Redis Cluster: entered through any node, they serve queues whose slots live on every master. */
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
}
