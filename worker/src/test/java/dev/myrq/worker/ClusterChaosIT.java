package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.Job;
import dev.myrq.core.JobRequest;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.QueueInfo;
import dev.myrq.core.testing.TestCluster;
import dev.myrq.worker.Processes.WorkerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The chaos run in its cluster form: 3 masters, 600 jobs over 3 queues (one per master), 3 worker processes each
 * entered through another node, one SIGKILLed (and replaced) now and then, and one busy queue's slot moved to
 * another master meanwhile (a kill every 2.5-3.5 s, 4 at most). No job is lost: every one finishes, and no queue
 * holds a job in any list or set afterwards. The same checks as scripts/chaos.sh, kept short for CI (about 40 s).
 */
class ClusterChaosIT {
  private static final int JOBS = 600;
  private static final int KILLS = 4;

  @Test
  void kills_and_a_slot_move_on_a_cluster_lose_no_job() throws Exception {
    TestCluster cluster = TestCluster.shared();
    cluster.flushAll();
    List<String> queues = List.of(cluster.queueOn(0, "xa"), cluster.queueOn(1, "xb"), cluster.queueOn(2, "xc"));
    Path jobs = RunningWorker.jobsDir();
    Random random = new Random(8);
    List<WorkerProcess> workers = new ArrayList<>();
    int kills = 0;
    try (MyrqClient client = MyrqClient.connect(cluster.url())) {
      List<JobRequest> requests = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        requests.add(JobRequest.of("com.acme.Task.sleep", 0.2 + random.nextInt(200) / 1000.0)
            .withQueue(queues.get(i % 3)));
      }
      List<String> ids = client.enqueueMany(requests);
      for (int i = 0; i < 3; i++) {
        workers.add(start(cluster, i, jobs, queues));
      }
      int movedSlot = TestCluster.slotOfQueue(queues.get(0));
      int target = (cluster.ownerOf(movedSlot) + 1) % cluster.size();
      Thread mover = new Thread(() -> {
        RunningWorker.sleep(3000);
        cluster.migrateSlot(movedSlot, target, 20, Duration.ofMillis(50));
      }, "slot-mover");
      mover.start();
      // a kill every 2.5-3.5 s, at most KILLS: survivors always remain to put the killed one's jobs back
      long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (kills < KILLS && finished(client, queues) < JOBS && System.nanoTime() < end) {
        Thread.sleep(2500 + random.nextInt(1000));
        int victim = random.nextInt(workers.size());
        workers.get(victim).kill9();
        kills++;
        workers.set(victim, start(cluster, victim, jobs, queues));
      }
      mover.join(60_000);
      assertEquals(target, cluster.ownerOf(movedSlot), "the slot moved");
      for (String id : ids) {
        Job job = RunningWorker.awaitJob(client, id, j -> j.status().isTerminal(), Duration.ofSeconds(120));
        assertEquals(JobStatus.FINISHED, job.status(), job.toString());
      }
      for (QueueInfo q : client.queues()) {
        assertEquals(0, q.queued() + q.started() + q.scheduled() + q.failed(), q.toString());
      }
      assertTrue(kills >= 2, "workers were killed: " + kills);
      System.out.printf("ClusterChaosIT: %d jobs finished, 0 lost, %d SIGKILLs, slot %d moved%n", JOBS, kills, movedSlot);
    } finally {
      for (WorkerProcess w : workers) {
        w.close();
      }
    }
  }

  private static long finished(MyrqClient client, List<String> queues) {
    return client.queues().stream().filter(q -> queues.contains(q.name())).mapToLong(QueueInfo::finished).sum();
  }

  private static WorkerProcess start(TestCluster cluster, int node, Path jobs, List<String> queues) {
    List<String> options = new ArrayList<>(List.of("--lease", "4s", "--concurrency", "8", "--max-crashes", "20"));
    for (String q : queues) {
      options.add("--queue");
      options.add(q);
    }
    return Processes.worker(cluster.nodeUrl(node % cluster.size()), jobs, options.toArray(new String[0]));
  }
}
