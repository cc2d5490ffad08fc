package dev.myrq.tools.bench;

import dev.myrq.core.JobRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Java half of scripts/bench.sh: enqueue, drain, latency and cost figures of myrq against the private Redis
 * that the script started, each compared with R1 (redis-benchmark LPUSH, measured by the script in the same run).
 * Run as {@code java -cp tools/target/myrq-tools.jar dev.myrq.tools.bench.Bench --port P --r1 OPS --n N ...}.
 * Prints progress to stderr, the table to stdout, and the same figures as JSON to --json-out.
 */
public final class Bench {
  static final String FUNC = "com.acme.Task.noop";
  /** The latency job: returns the wall clock (microseconds) at its start. */
  static final String LATENCY_FUNC = "com.acme.Task.nowMicros";
  static final String QUEUE = JobRequest.DEFAULT_QUEUE;
  static final int CHUNK = 1000;
  /** Jobs enqueued and flushed before a timed enqueue, so that the JIT has compiled the client's paths. */
  static final int WARMUP_SINGLE_JOBS = 5000;
  static final int WARMUP_BULK_JOBS = 20000;
  static final int LATENCY_JOBS = 2000;
  static final int LATENCY_WARMUP_JOBS = 1000;
  static final int LATENCY_RATE_PER_S = 200;
  static final int DEFAULT_CONCURRENCY = 8;
  static final int[] CONCURRENCIES = {8, 16, 32, 64};
  static final Duration DRAIN_LIMIT = Duration.ofMinutes(5);
  /** Requests of the R1 re-measurement at the end: enough to see the yardstick move, quicker than the first. */
  static final int R1_RECHECK_REQUESTS = 50000;

  private final Options opt;
  private final ServerStats raw;

  Bench(Options opt, ServerStats raw) {
    this.opt = opt;
    this.raw = raw;
  }

  public static void main(String[] args) throws Exception {
    Options opt = Options.parse(args);
    try (ServerStats raw = new ServerStats(opt.port())) {
      new Bench(opt, raw).run();
    } finally {
      WorkerProcess.stopAll();
    }
  }

  void run() throws Exception {
    Results r = new Results(opt.r1(), opt.r1CpuUs(), opt.n());
    r.loadStart = loadAverage();
    EnqueueRuns enqueue = new EnqueueRuns(opt, raw);
    r.single = enqueue.enqueueSingle(r);
    r.bulk = enqueue.enqueueBulk(r);
    double[] cli = enqueue.enqueueCli();
    r.cliPerSecond = cli[0];
    r.cliWallSeconds = cli[1];
    DrainRun drains = new DrainRun(opt, raw, LuaCommands.read());
    r.drains.add(drains.drain(1, DEFAULT_CONCURRENCY));
    for (int c : CONCURRENCIES) {
      if (c != DEFAULT_CONCURRENCY) {
        r.drains.add(drains.drain(1, c));
      }
    }
    r.drains.add(drains.drain(2, r.bestOf(1).concurrency()));
    r.latency = new LatencyRun(opt, raw).latency();
    r.r1End = new R1Check(opt, raw).r1Again();
    r.loadEnd = loadAverage();
    String table = ResultsTable.of(r, opt);
    System.out.print(table);
    Files.createDirectories(opt.jsonOut().toAbsolutePath().getParent());
    Files.writeString(opt.jsonOut(), ResultsJson.of(r));
    progress("wrote %s", opt.jsonOut());
  }

  static double perSecond(long jobs, long nanos) {
    return jobs * 1e9 / nanos;
  }

  /** The 1-minute load average: other work on the machine skews every figure, so the table states it. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  static void progress(String format, Object... args) {
    System.err.printf("bench: " + format + "%n", args);
  }
}
