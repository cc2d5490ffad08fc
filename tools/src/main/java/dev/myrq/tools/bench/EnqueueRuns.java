package dev.myrq.tools.bench;

import static dev.myrq.tools.bench.Bench.CHUNK;
import static dev.myrq.tools.bench.Bench.FUNC;
import static dev.myrq.tools.bench.Bench.QUEUE;
import static dev.myrq.tools.bench.Bench.WARMUP_BULK_JOBS;
import static dev.myrq.tools.bench.Bench.WARMUP_SINGLE_JOBS;
import static dev.myrq.tools.bench.Bench.java;
import static dev.myrq.tools.bench.Bench.perSecond;
import static dev.myrq.tools.bench.Bench.progress;
import static dev.myrq.tools.bench.DrainRun.usecPerCall;

import dev.myrq.core.JobRequest;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.QueueInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The enqueue figures: one call per job, enqueueMany in chunks, and `myrq enqueue --from` with the cli jar. */
final class EnqueueRuns {
  private final Options opt;
  private final ServerStats raw;

  EnqueueRuns(Options opt, ServerStats raw) {
    this.opt = opt;
    this.raw = raw;
  }

  /** One thread, one job per call, through MyrqClient.enqueue; after a warm-up that is flushed away. */
  double enqueueSingle(Results r) {
    progress("single enqueue: warm-up %d, then %d jobs", WARMUP_SINGLE_JOBS, opt.n());
    raw.flushAll();
    try (MyrqClient client = MyrqClient.connect(opt.url())) {
      for (int i = 0; i < WARMUP_SINGLE_JOBS; i++) {
        client.enqueue(FUNC);
      }
      raw.flushAll();
      Map<String, long[]> before = raw.commandStats();
      long cpu0 = raw.cpuMicros();
      long t0 = System.nanoTime();
      for (int i = 0; i < opt.n(); i++) {
        client.enqueue(FUNC);
      }
      double rate = perSecond(opt.n(), System.nanoTime() - t0);
      r.singleRedisCpuUsPerJob = (double) (raw.cpuMicros() - cpu0) / opt.n();
      r.singleEvalshaUsec = usecPerCall(before, raw.commandStats(), "evalsha");
      return rate;
    }
  }

  /** enqueueMany in chunks of CHUNK, requests built inside the timing; also Redis memory per queued job. */
  double enqueueBulk(Results r) {
    progress("bulk enqueue: %d jobs in chunks of %d", opt.n(), CHUNK);
    raw.flushAll();
    try (MyrqClient client = MyrqClient.connect(opt.url())) {
      enqueueChunks(client, WARMUP_BULK_JOBS);
      raw.flushAll();
      long memBefore = raw.usedMemory();
      long cpu0 = raw.cpuMicros();
      long t0 = System.nanoTime();
      List<String> ids = enqueueChunks(client, opt.n());
      double rate = perSecond(ids.size(), System.nanoTime() - t0);
      r.bulkRedisCpuUsPerJob = (double) (raw.cpuMicros() - cpu0) / opt.n();
      r.bytesPerJob = (double) (raw.usedMemory() - memBefore) / opt.n();
      return rate;
    }
  }

  static List<String> enqueueChunks(MyrqClient client, int n) {
    List<String> ids = new ArrayList<>(n);
    for (int done = 0; done < n; done += CHUNK) {
      List<JobRequest> chunk = new ArrayList<>(CHUNK);
      for (int i = done; i < Math.min(n, done + CHUNK); i++) {
        chunk.add(JobRequest.of(FUNC));
      }
      ids.addAll(client.enqueueMany(chunk));
    }
    return ids;
  }

  /** {@code myrq enqueue --from FILE} with the cli fat jar: jobs/s and wall seconds, both including JVM start. */
  double[] enqueueCli() throws IOException, InterruptedException {
    progress("cli enqueue --from: %d jobs", opt.n());
    raw.flushAll();
    Path file = opt.workDir().resolve("jobs.jsonl");
    Files.write(file, java.util.Collections.nCopies(opt.n(), "{\"func\":\"" + FUNC + "\",\"args\":[]}"));
    Path out = opt.workDir().resolve("cli-ids.txt");
    long t0 = System.nanoTime();
    Process p =
        new ProcessBuilder(java(), "-jar", opt.cliJar().toString(), "--redis", opt.url(), "enqueue", "--from",
                file.toString())
            .redirectOutput(out.toFile())
            .redirectError(opt.workDir().resolve("cli.log").toFile())
            .start();
    int rc = p.waitFor();
    long nanos = System.nanoTime() - t0;
    long lines = Files.readAllLines(out).size();
    if (rc != 0 || lines != opt.n() || queued() != opt.n()) {
      throw new IllegalStateException(
          "myrq enqueue --from exited " + rc + " and printed " + lines + " ids; see " + opt.workDir());
    }
    return new double[] {perSecond(opt.n(), nanos), nanos / 1e9};
  }

  private long queued() {
    try (MyrqClient client = MyrqClient.connect(opt.url())) {
      return client.queues().stream().filter(q -> q.name().equals(QUEUE)).mapToLong(QueueInfo::queued).sum();
    }
  }
}
