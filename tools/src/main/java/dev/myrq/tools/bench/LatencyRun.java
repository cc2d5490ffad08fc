package dev.myrq.tools.bench;

import static dev.myrq.tools.bench.Bench.DEFAULT_CONCURRENCY;
import static dev.myrq.tools.bench.Bench.LATENCY_FUNC;
import static dev.myrq.tools.bench.Bench.LATENCY_JOBS;
import static dev.myrq.tools.bench.Bench.LATENCY_RATE_PER_S;
import static dev.myrq.tools.bench.Bench.LATENCY_WARMUP_JOBS;
import static dev.myrq.tools.bench.Bench.QUEUE;
import static dev.myrq.tools.bench.Bench.progress;

import dev.myrq.core.MyrqClient;
import dev.myrq.core.Job;
import dev.myrq.core.JobStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** Enqueue-to-start latency: jobs sent on a fixed schedule to one idle worker. */
final class LatencyRun {
  private final Options opt;
  private final ServerStats raw;

  LatencyRun(Options opt, ServerStats raw) {
    this.opt = opt;
    this.raw = raw;
  }

  /**
   * One idle worker; jobs enqueued one at a time on a fixed schedule (job i is sent at t0 + i / rate, however
   * late job i-1 was), after a short warm-up at the same rate that is not counted.
   */
  Latency latency() throws Exception {
    progress("latency: %d jobs at %d/s to one idle worker (after %d warm-up jobs)", LATENCY_JOBS,
        LATENCY_RATE_PER_S, LATENCY_WARMUP_JOBS);
    raw.flushAll();
    WorkerProcess w = WorkerProcess.start(opt, DEFAULT_CONCURRENCY, false, opt.workDir().resolve("latency.log"));
    try (MyrqClient client = MyrqClient.connect(opt.url())) {
      awaitWorkerRegistered(client, w);
      paced(client, LATENCY_WARMUP_JOBS, new AtomicLong(), new ArrayList<>());
      AtomicLong maxLag = new AtomicLong();
      List<Long> sentMicros = new ArrayList<>();
      List<String> ids = paced(client, LATENCY_JOBS, maxLag, sentMicros);
      Map<String, Job> jobs = awaitFinished(client, ids);
      // enqueue call to job body start, end to end: the job returns the wall clock (us) when it starts, and
      // both clocks are this host's
      double[] lat = new double[ids.size()];
      for (int i = 0; i < ids.size(); i++) {
        lat[i] = (Long.parseLong(jobs.get(ids.get(i)).result()) - sentMicros.get(i)) / 1000.0;
      }
      Arrays.sort(lat);
      return new Latency(percentile(lat, 50), percentile(lat, 99), lat[lat.length - 1],
          Arrays.stream(lat).average().orElse(0), maxLag.get() / 1e6);
    } finally {
      w.stop();
    }
  }

  private static List<String> paced(MyrqClient client, int n, AtomicLong maxLagNanos, List<Long> sentMicros) {
    long period = TimeUnit.SECONDS.toNanos(1) / LATENCY_RATE_PER_S;
    long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long due = t0 + i * period;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        if (wait > 1_000_000) {
          LockSupport.parkNanos(wait - 500_000);
        } else {
          Thread.onSpinWait();
        }
      }
      maxLagNanos.accumulateAndGet(System.nanoTime() - due, Math::max);
      java.time.Instant sent = java.time.Instant.now();
      sentMicros.add(sent.getEpochSecond() * 1_000_000L + sent.getNano() / 1_000);
      ids.add(client.enqueue(LATENCY_FUNC));
    }
    return ids;
  }

  private void awaitWorkerRegistered(MyrqClient client, WorkerProcess w) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (client.workers().isEmpty()) {
      if (System.nanoTime() > end || !w.alive()) {
        throw new IllegalStateException("the latency worker did not register; see " + w.log());
      }
      Thread.sleep(50);
    }
    Thread.sleep(500);
  }

  /** The jobs, once every one has finished. */
  private static Map<String, Job> awaitFinished(MyrqClient client, List<String> ids) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      Map<String, Job> jobs = client.jobs(QUEUE, ids);
      long done = jobs.values().stream().filter(j -> j.status() == JobStatus.FINISHED).count();
      if (done == ids.size()) {
        return jobs;
      }
      if (System.nanoTime() > end) {
        throw new IllegalStateException((ids.size() - done) + " latency jobs did not finish in 60 s");
      }
      Thread.sleep(100);
    }
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(double[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
