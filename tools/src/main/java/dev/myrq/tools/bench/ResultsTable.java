package dev.myrq.tools.bench;

import static dev.myrq.tools.bench.Bench.FUNC;
import static dev.myrq.tools.bench.Bench.WARMUP_SINGLE_JOBS;
import static dev.myrq.tools.bench.Bench.WARMUP_BULK_JOBS;
import static dev.myrq.tools.bench.Bench.LATENCY_WARMUP_JOBS;

import dev.myrq.core.MyrqClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The run's figures as the table bench.sh prints: each with its target and its ratio to R1. */
final class ResultsTable {
  private ResultsTable() {}

  static String of(Results r, Options opt) {
    Table t = new Table();
    t.row("R1: redis-benchmark LPUSH -P 1 -c 1", Results.fmt(r.r1) + " ops/s", "yardstick", "1.00", "");
    t.row("  Redis CPU per LPUSH", String.format(Locale.ROOT, "%.0f us", r.r1CpuUs), "", "", "");
    t.row("  R1 again after the run (-n 50000, not used)", Results.fmt(r.r1End) + " ops/s", "", String.format(Locale.ROOT, "%.2f",
        r.r1End / r.r1), Math.abs(r.r1End / r.r1 - 1) > 0.2 ? "UNSTABLE" : "");
    t.atLeast("enqueue, one at a time (MyrqClient.enqueue)", r.single, "jobs/s", 0.75, r.r1);
    t.row("  (after " + WARMUP_SINGLE_JOBS + " warm-up jobs; r.bulk after " + WARMUP_BULK_JOBS + ")", "", "", "", "");
    t.row("  Redis CPU per job; EVALSHA time per call", String.format(Locale.ROOT, "%.0f us; %.1f us",
        r.singleRedisCpuUsPerJob, r.singleEvalshaUsec), "", "", "");
    t.atLeast("enqueue, r.bulk (enqueueMany, 1000 a call)", r.bulk, "jobs/s", 2.5, r.r1);
    t.row("  Redis CPU per job", String.format(Locale.ROOT, "%.1f us", r.bulkRedisCpuUsPerJob), "", "", "");
    t.info("enqueue, `myrq enqueue --from` (with JVM start)", r.cliPerSecond, "jobs/s", r.r1,
        String.format(Locale.ROOT, "%.2f s wall", r.cliWallSeconds));
    Drain one = r.oneProcess();
    t.atLeast("drain, 1 worker, --concurrency " + one.concurrency(), one.perSecond(), "jobs/s", 0.5, r.r1);
    for (Drain d : r.drains.subList(1, r.drains.size())) {
      t.info("drain, " + d.processes() + " worker(s), --concurrency " + d.concurrency(), d.perSecond(),
          "jobs/s", r.r1, String.format(Locale.ROOT, "%.2f s wall", d.wallSeconds()));
    }
    Drain best = r.best();
    t.info("drain, best: " + best.processes() + " x --concurrency " + best.concurrency(), best.perSecond(),
        "jobs/s", r.r1, "");
    t.row("drain wall time incl. JVM start, 1 worker", String.format(Locale.ROOT, "%.2f s", one.wallSeconds()),
        "", "", "");
    t.atMost("latency enqueue-to-start p50, 200 jobs/s", r.latency.p50(), "ms", 0.5);
    t.row("  (after " + LATENCY_WARMUP_JOBS + " warm-up jobs at the same rate)", "", "", "", "");
    t.atMost("latency enqueue-to-start p99", r.latency.p99(), "ms", 1.2);
    t.row("latency max / mean", String.format(Locale.ROOT, "%.0f / %.2f ms", r.latency.max(), r.latency.mean()),
        "", "", "");
    t.row("Redis commands per job (incl. inside Lua)", String.format(Locale.ROOT, "%.2f", one.commandsPerJob()),
        "", "", "");
    t.row("Redis top-level calls per job (EVALSHA)", String.format(Locale.ROOT, "%.3f (%.3f)",
        one.topLevelPerJob(), one.evalshaPerJob()), "", "", "");
    t.row("EVALSHA usec per call in the drain", String.format(Locale.ROOT, "%.1f", one.evalshaUsecPerCall()),
        "", "", "");
    t.row("CPU per drained job: Redis; worker JVM", String.format(Locale.ROOT, "%.0f us; %.0f us",
        one.redisCpuUsPerJob(), one.workerCpuUsPerJob()), "", "", "");
    t.atMost("Redis memory per queued no-op job", r.bytesPerJob, "bytes", 300);
    t.row("worker peak RSS (VmHWM), 1 worker", String.format(Locale.ROOT, "%.0f MB", one.peakRssMb()), "", "",
        "");
    return String.format(Locale.ROOT,
        "myrq benchmark: N=%d no-op jobs (%s), private Redis on port %d, %d cores, load average %.2f at start,"
            + " %.2f at end%n", r.n, FUNC, opt.port(), Runtime.getRuntime().availableProcessors(), r.loadStart,
        r.loadEnd) + t.render()
        + "latency: from the enqueue call to the job body start, this host's clock in us; "
        + String.format(Locale.ROOT, "sends kept to schedule within %.2f ms%n", r.latency.maxSendLagMs());
  }}
