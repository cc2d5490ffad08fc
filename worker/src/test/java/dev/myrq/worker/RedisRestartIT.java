package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.JobRequest;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.RedisSettings;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.worker.Processes.WorkerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** A real Redis with append-only persistence restarted while a worker process runs jobs: no job is lost. */
class RedisRestartIT {

  private static RedisServer redis(int port, Path dir) {
    RedisServer s = RedisServer.builder().port(port).bind("127.0.0.1").setting("appendonly yes")
        .setting("appendfsync always").setting("save \"\"").setting("dir " + dir).build();
    s.start();
    return s;
  }

  @Test
  void redis_restart_mid_run_loses_no_job_and_the_worker_carries_on() throws Exception {
    int port = RedisExtension.freePort();
    Path dir = Files.createTempDirectory("myrq-aof");
    Path record = Files.createTempFile("myrq-record", ".txt");
    String url = "redis://127.0.0.1:" + port;
    RedisServer server = redis(port, dir);
    List<String> ids = new ArrayList<>();
    try (WorkerProcess w = Processes.worker(url, RunningWorker.jobsDir(), "--concurrency", "4", "--lease", "4s")) {
      try (MyrqClient client = MyrqClient.connect(RedisSettings.of(url))) {
        List<JobRequest> batch = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
          batch.add(JobRequest.of("com.acme.testjobs.Risky.sleepThenRecord", 0.01, record.toString(), "job-" + i));
        }
        ids.addAll(client.enqueueMany(batch));
        while (Files.readAllLines(record).size() < 50) {
          RunningWorker.sleep(10);
        }
      }
      server.stop();
      RunningWorker.sleep(1500);
      server = redis(port, dir);
      try (MyrqClient client = MyrqClient.connect(RedisSettings.of(url))) {
        for (String id : ids) {
          RunningWorker.awaitJob(client, id, j -> j.status() == JobStatus.FINISHED, java.time.Duration.ofSeconds(60));
        }
        assertEquals(0L, client.queues().get(0).queued());
        assertEquals(0L, client.queues().get(0).started());
      }
      Set<String> recorded = new HashSet<>(Files.readAllLines(record));
      for (int i = 0; i < 400; i++) {
        assertTrue(recorded.contains("job-" + i), "job-" + i + " never ran");
      }
      assertTrue(w.process.isAlive(), "the worker carried on through the restart");
      assertEquals(0, w.term(30), w.log());
    } finally {
      server.stop();
    }
  }
}
