package dev.myrq.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.myrq.core.Job;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.testing.RedisExtension;
import dev.myrq.core.testing.RedisExtension.TestRedis;
import dev.myrq.worker.Processes.WorkerProcess;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The worker jar under a pretend systemd: readiness, watchdog pings, the quiet signal, the stop. */
@ExtendWith(RedisExtension.class)
class SystemdIT {
  private static final Duration START = Duration.ofSeconds(60);

  @Test
  void worker_notifies_ready_pings_the_watchdog_and_quiet_stops_fetching_while_a_running_job_finishes(
      TestRedis redis, MyrqClient client) throws Exception {
    try (NotifyListener systemd = new NotifyListener();
        WorkerProcess w =
            Processes.worker(
                Map.of("NOTIFY_SOCKET", systemd.path.toString(), "WATCHDOG_USEC", "2000000",
                    "MYRQ_JOB_LOG", "DEBUG"), // the job's start line (DEBUG) shows it runs in the worker
                redis.url(), RunningWorker.jobsDir())) {
      assertTrue(systemd.await(m -> m.startsWith("READY=1\n"), START).contains("STATUS=running: queues [default]"));
      systemd.await("WATCHDOG=1"::equals, Duration.ofSeconds(10));

      String running = client.enqueue("com.acme.Task.sleep", 3);
      awaitLogLine(w, "Job com.acme.Task.sleep started"); // running in the worker, not only leased in Redis
      signal("TSTP", w);
      String quiet = systemd.await(m -> m.startsWith("STATUS=quiet"), Duration.ofSeconds(10));
      assertTrue(quiet.contains("1 running"), quiet);
      String waiting = client.enqueue("com.acme.Task.add", 1, 2);

      RunningWorker.awaitStatus(client, running, JobStatus.FINISHED);
      RunningWorker.sleep(2000);
      Job notRun = client.job(waiting);
      assertEquals(JobStatus.QUEUED, notRun.status(), "quiet: no new job starts");
      assertEquals(0, notRun.attempt(), "a job leased by a wait in progress goes back uncounted");
      systemd.await("WATCHDOG=1"::equals, Duration.ofSeconds(10)); // quiet is alive

      w.process.destroy();
      systemd.await(m -> m.startsWith("STOPPING=1\n"), Duration.ofSeconds(30));
      assertEquals(0, w.awaitExit(30), w.log());
      assertEquals(JobStatus.QUEUED, client.status(waiting));
    }
  }

  private static void awaitLogLine(WorkerProcess w, String text) {
    long end = System.nanoTime() + START.toNanos();
    while (!w.log().contains(text)) {
      if (System.nanoTime() > end) {
        throw new AssertionError("no '" + text + "' in the log:\n" + w.log());
      }
      RunningWorker.sleep(50);
    }
  }

  private static void signal(String name, WorkerProcess w) throws Exception {
    // the shell's kill builtin: a minimal system may lack /bin/kill
    Process kill = new ProcessBuilder("sh", "-c", "kill -" + name + " " + w.process.pid()).inheritIO().start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name);
  }
}
