package dev.myrq.worker;

import static dev.myrq.worker.RunningWorker.awaitJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.Job;
import dev.myrq.core.JobRequest;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import dev.myrq.worker.Processes.WorkerProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A job that calls System.exit(0) fails alone, and the worker exits non-zero so that systemd restarts it. */
@ExtendWith(RedisExtension.class)
class ExitGuardIT {

  @Test
  void a_job_calling_system_exit_0_fails_and_the_worker_exits_5_after_putting_the_others_back(
      TestRedis redis, MyrqClient client) throws Exception {
    String sleeper = client.enqueue(JobRequest.of("com.acme.Task.sleep", 60));
    try (WorkerProcess w = Processes.worker(redis.url(), RunningWorker.jobsDir())) {
      awaitJob(client, sleeper, j -> j.status() == JobStatus.STARTED, Duration.ofSeconds(60));
      String exit = client.enqueue(JobRequest.of("com.acme.testjobs.Exits.exit", 0).withRetries(3));
      assertEquals(ExitGuard.EXIT_CODE, w.awaitExit(60), w.log());
      Job e = client.job(exit);
      assertEquals(JobStatus.FAILED, e.status(), w.log());
      assertTrue(e.error().startsWith("JobExited: the job called System.exit"), e.error());
      assertEquals(1, e.attempt());
      Job s = client.job(sleeper);
      assertEquals(JobStatus.QUEUED, s.status(), "the other job is back in its queue");
      assertEquals(0, s.crashes());
      assertEquals(0L, redis.raw().zcard("myrq:{default}:active"));
    }
  }
}
