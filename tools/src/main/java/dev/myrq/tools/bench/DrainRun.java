package dev.myrq.tools.bench;

import static dev.myrq.tools.bench.Bench.DRAIN_LIMIT;
import static dev.myrq.tools.bench.Bench.QUEUE;
import static dev.myrq.tools.bench.Bench.progress;
import static dev.myrq.tools.bench.EnqueueRuns.enqueueChunks;

import dev.myrq.core.MyrqClient;
import dev.myrq.core.Job;
import dev.myrq.core.JobStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Drains by burst workers: jobs/s from first start to last end, and what each job cost Redis and the worker. */
final class DrainRun {
  private final Options opt;
  private final ServerStats raw;
  private final Set<String> scriptCommands;

  DrainRun(Options opt, ServerStats raw, Set<String> scriptCommands) {
    this.opt = opt;
    this.raw = raw;
    this.scriptCommands = scriptCommands;
  }

  /** Queue N jobs, then let {@code processes} burst workers drain them; read the times from the job hashes. */
  Drain drain(int processes, int concurrency) throws Exception {
    progress("drain: %d process(es), concurrency %d, %d jobs", processes, concurrency, opt.n());
    raw.flushAll();
    List<String> ids;
    try (MyrqClient client = MyrqClient.connect(opt.url())) {
      ids = enqueueChunks(client, opt.n());
    }
    Map<String, long[]> before = raw.commandStats();
    long cpu0 = raw.cpuMicros();
    long t0 = System.nanoTime();
    List<WorkerProcess> workers = new ArrayList<>();
    for (int i = 0; i < processes; i++) {
      String tag = "drain-p" + processes + "-c" + concurrency + "-" + i;
      workers.add(WorkerProcess.start(opt, concurrency, true, opt.workDir().resolve(tag + ".log")));
    }
    double peakRss = 0;
    long workerCpu = 0;
    for (WorkerProcess w : workers) {
      w.awaitExit(DRAIN_LIMIT);
      peakRss = Math.max(peakRss, w.peakRssMb());
      workerCpu += w.cpuMicros();
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    Map<String, long[]> after = raw.commandStats();
    double redisCpu = (double) (raw.cpuMicros() - cpu0) / opt.n();
    long[] span;
    try (MyrqClient client = MyrqClient.connect(opt.url())) {
      span = startEndSpan(client, ids);
    }
    return cost(processes, concurrency, opt.n() * 1000.0 / Math.max(1, span[1] - span[0]), wall, before, after,
        peakRss, redisCpu, (double) workerCpu / opt.n());
  }

  static double usecPerCall(Map<String, long[]> before, Map<String, long[]> after, String command) {
    long[] a = after.getOrDefault(command, new long[2]);
    long[] b = before.getOrDefault(command, new long[2]);
    return a[0] == b[0] ? 0 : (double) (a[1] - b[1]) / (a[0] - b[0]);
  }

  private Drain cost(
      int processes, int concurrency, double rate, double wall, Map<String, long[]> before,
      Map<String, long[]> after, double peakRss, double redisCpu, double workerCpu) {
    long total = 0;
    long topLevel = 0;
    for (var e : after.entrySet()) {
      long calls = e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0];
      if (e.getKey().equals("info")) {
        continue;
      }
      total += calls;
      if (!scriptCommands.contains(e.getKey())) {
        topLevel += calls;
      }
    }
    long evCalls = after.getOrDefault("evalsha", new long[2])[0] - before.getOrDefault("evalsha", new long[2])[0];
    int n = opt.n();
    return new Drain(processes, concurrency, rate, wall, (double) total / n, (double) topLevel / n,
        (double) evCalls / n, usecPerCall(before, after, "evalsha"), peakRss, redisCpu, workerCpu);
  }

  /** Min started_at and max ended_at over the jobs; fails unless every job finished. */
  private long[] startEndSpan(MyrqClient client, List<String> ids) {
    Map<String, Job> jobs = client.jobs(QUEUE, ids);
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    int notFinished = ids.size() - jobs.size();
    for (Job job : jobs.values()) {
      if (job.status() != JobStatus.FINISHED) {
        notFinished++;
        continue;
      }
      first = Math.min(first, job.startedAt().toEpochMilli());
      last = Math.max(last, job.endedAt().toEpochMilli());
    }
    if (notFinished > 0) {
      throw new IllegalStateException(notFinished + " of " + ids.size() + " jobs did not finish; see the logs in "
          + opt.workDir());
    }
    return new long[] {first, last};
  }
}
