import dev.myrq.core.JobRequest;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.Job;
import dev.myrq.core.JobStatus;
import dev.myrq.core.QueueInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java half of scripts/bench.sh: enqueue, drain, latency and cost figures of myrq against the private Redis
 * that the script started, each compared with R1 (redis-benchmark LPUSH, measured by the script in the same run).
 * Run as {@code java -cp worker/target/myrq-worker.jar scripts/Bench.java --port P --r1 OPS --n N ...}.
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

  record Options(
      int port, double r1, double r1CpuUs, int n, Path jsonOut, Path workerJar, Path cliJar, Path jobsJar, Path workDir) {
    String url() {
      return "redis://127.0.0.1:" + port;
    }

    static Options parse(String[] args) {
      Map<String, String> m = new HashMap<>();
      for (int i = 0; i + 1 < args.length; i += 2) {
        m.put(args[i], args[i + 1]);
      }
      return new Options(
          Integer.parseInt(need(m, "--port")), Double.parseDouble(need(m, "--r1")),
          Double.parseDouble(need(m, "--r1-redis-cpu-us")),
          Integer.parseInt(need(m, "--n")), Path.of(need(m, "--json-out")), Path.of(need(m, "--worker-jar")),
          Path.of(need(m, "--cli-jar")), Path.of(need(m, "--jobs-jar")), Path.of(need(m, "--work-dir")));
    }

    private static String need(Map<String, String> m, String key) {
      String v = m.get(key);
      if (v == null) {
        throw new IllegalArgumentException("missing option " + key);
      }
      return v;
    }
  }

  /** One drain run: jobs/s from first start to last end, wall time with JVM start, and its Redis cost. */
  record Drain(
      int processes, int concurrency, double perSecond, double wallSeconds, double commandsPerJob,
      double topLevelPerJob, double evalshaPerJob, double evalshaUsecPerCall, double peakRssMb,
      double redisCpuUsPerJob, double workerCpuUsPerJob) {}

  /** Enqueue-to-start times of the latency run, in ms: enqueue call to job body start, this host's clock (us). */
  record Latency(double p50, double p99, double max, double mean, double maxSendLagMs) {}

  private final Options opt;
  private final RawRedis raw;
  private final Set<String> scriptCommands = LuaCommands.read();

  Bench(Options opt, RawRedis raw) {
    this.opt = opt;
    this.raw = raw;
  }

  public static void main(String[] args) throws Exception {
    Options opt = Options.parse(args);
    try (RawRedis raw = new RawRedis(opt.port())) {
      new Bench(opt, raw).run();
    } finally {
      WorkerProcess.stopAll();
    }
  }

  void run() throws Exception {
    Results r = new Results(opt.r1(), opt.r1CpuUs(), opt.n());
    r.loadStart = loadAverage();
    r.single = enqueueSingle(r);
    r.bulk = enqueueBulk(r);
    double[] cli = enqueueCli();
    r.cliPerSecond = cli[0];
    r.cliWallSeconds = cli[1];
    r.drains.add(drain(1, DEFAULT_CONCURRENCY));
    for (int c : CONCURRENCIES) {
      if (c != DEFAULT_CONCURRENCY) {
        r.drains.add(drain(1, c));
      }
    }
    r.drains.add(drain(2, r.bestOf(1).concurrency()));
    r.latency = latency();
    r.r1End = r1Again();
    r.loadEnd = loadAverage();
    String table = r.table(opt);
    System.out.print(table);
    Files.createDirectories(opt.jsonOut().toAbsolutePath().getParent());
    Files.writeString(opt.jsonOut(), r.json());
    progress("wrote %s", opt.jsonOut());
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

  static double perSecond(long jobs, long nanos) {
    return jobs * 1e9 / nanos;
  }

  /**
   * R1 measured again after the run, the same way bench.sh measured it first but with fewer requests: on a virtual machine the
   * yardstick itself moves (a ping-pong over loopback costs more when the other vCPU idles), so the table shows
   * how far it moved.
   */
  double r1Again() throws IOException, InterruptedException {
    raw.flushAll();
    Process p = new ProcessBuilder("redis-benchmark", "-p", Integer.toString(opt.port()), "-P", "1", "-c", "1",
        "-t", "lpush", "-n", Integer.toString(R1_RECHECK_REQUESTS), "-q").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    raw.flushAll();
    Matcher m = Pattern.compile("LPUSH: ([0-9.]+) requests per second").matcher(out);
    double last = 0;
    while (m.find()) {
      last = Double.parseDouble(m.group(1));
    }
    return last;
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

  /** The Redis commands myrq's Lua steps call: calls of these are counted as made inside scripts. */
  static final class LuaCommands {
    private static final String DIR = "/dev/myrq/core/scripts/";
    private static final List<String> SCRIPTS =
        List.of("lib", "enqueue", "fetch", "complete", "renew", "reap", "promote", "requeue");

    static Set<String> read() {
      Set<String> out = new HashSet<>();
      Pattern call = Pattern.compile("redis\\.call\\(\\s*'([A-Za-z]+)'");
      for (String s : SCRIPTS) {
        try (InputStream in = Bench.class.getResourceAsStream(DIR + s + ".lua")) {
          if (in == null) {
            continue;
          }
          Matcher m = call.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          while (m.find()) {
            out.add(m.group(1).toLowerCase(Locale.ROOT));
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return out;
    }
  }

  /**
   * The few server commands the benchmark itself needs (FLUSHALL, INFO) on a socket of its own: they measure the
   * Redis server, not myrq, so they bypass myrq's client. Speaks just enough RESP for these replies.
   */
  static final class RawRedis implements AutoCloseable {
    private final java.net.Socket socket;
    private final java.io.BufferedInputStream in;
    private final java.io.OutputStream out;

    RawRedis(int port) throws IOException {
      socket = new java.net.Socket("127.0.0.1", port);
      socket.setSoTimeout(60_000);
      in = new java.io.BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    }

    void flushAll() {
      call("FLUSHALL");
    }

    /** CPU time the Redis server has used (user + system), in microseconds. */
    long cpuMicros() {
      String info = call("INFO", "cpu");
      return (long) ((Double.parseDouble(infoField(info, "used_cpu_user"))
          + Double.parseDouble(infoField(info, "used_cpu_sys"))) * 1e6);
    }

    long usedMemory() {
      return Long.parseLong(infoField(call("INFO", "memory"), "used_memory"));
    }

    /** Command name to {calls, usec}. */
    Map<String, long[]> commandStats() {
      Map<String, long[]> out = new HashMap<>();
      for (String line : call("INFO", "commandstats").split("\r?\n")) {
        if (!line.startsWith("cmdstat_")) {
          continue;
        }
        String name = line.substring("cmdstat_".length(), line.indexOf(':'));
        Map<String, String> kv = new HashMap<>();
        for (String part : line.substring(line.indexOf(':') + 1).split(",")) {
          String[] p = part.split("=", 2);
          kv.put(p[0], p[1]);
        }
        out.put(name, new long[] {Long.parseLong(kv.get("calls")), Long.parseLong(kv.get("usec"))});
      }
      return out;
    }

    static String infoField(String info, String field) {
      for (String line : info.split("\r?\n")) {
        if (line.startsWith(field + ":")) {
          return line.substring(field.length() + 1).trim();
        }
      }
      throw new IllegalStateException("INFO has no field " + field);
    }

    /** Send one command; return its simple or bulk string reply. */
    private synchronized String call(String... args) {
      try {
        StringBuilder cmd = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
          cmd.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        out.write(cmd.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        String head = line();
        switch (head.charAt(0)) {
          case '+':
            return head.substring(1);
          case '$':
            byte[] body = in.readNBytes(Integer.parseInt(head.substring(1)) + 2);
            return new String(body, 0, body.length - 2, StandardCharsets.UTF_8);
          default:
            throw new IllegalStateException("Redis answered " + String.join(" ", args) + " with " + head);
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    private String line() throws IOException {
      StringBuilder b = new StringBuilder();
      int c;
      while ((c = in.read()) != '\r') {
        if (c < 0) {
          throw new IOException("Redis closed the connection");
        }
        b.append((char) c);
      }
      in.read();
      return b.toString();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /** A myrq-worker JVM started from the fat jar, with its peak RSS (VmHWM) polled until it exits. */
  static final class WorkerProcess {
    private static final List<Process> STARTED = new ArrayList<>();
    private final Process process;
    private final Path log;
    private volatile double peakRssMb;
    private volatile long cpuMicros;
    private final Thread poller;

    private WorkerProcess(Process process, Path log) {
      this.process = process;
      this.log = log;
      this.poller = new Thread(this::poll, "rss-poller");
      poller.setDaemon(true);
      poller.start();
    }

    static WorkerProcess start(Options opt, int concurrency, boolean burst, Path log) throws IOException {
      Path jobsDir = opt.workDir().resolve("jobs");
      Files.createDirectories(jobsDir);
      Files.copy(opt.jobsJar(), jobsDir.resolve(opt.jobsJar().getFileName()),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      List<String> cmd = new ArrayList<>(List.of(java()));
      String extra = System.getenv("WORKER_JAVA_OPTS");
      if (extra != null && !extra.isBlank()) {
        cmd.addAll(Arrays.asList(extra.trim().split("\\s+")));
      }
      cmd.addAll(List.of("-jar", opt.workerJar().toString(), "--redis", opt.url(), "--jobs-dir",
          jobsDir.toString(), "--concurrency", Integer.toString(concurrency), "--result-ttl", "1h"));
      if (burst) {
        cmd.add("--burst");
      }
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().put("MYRQ_JOB_LOG", "WARN");
      Process p = pb.start();
      synchronized (STARTED) {
        STARTED.add(p);
      }
      return new WorkerProcess(p, log);
    }

    private void poll() {
      Path status = Path.of("/proc/" + process.pid() + "/status");
      while (process.isAlive()) {
        process.info().totalCpuDuration().ifPresent(d -> cpuMicros = d.toNanos() / 1000);
        try {
          for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
              double kb = Double.parseDouble(line.replaceAll("[^0-9]", ""));
              peakRssMb = Math.max(peakRssMb, kb / 1024);
            }
          }
          Thread.sleep(20);
        } catch (IOException | RuntimeException e) {
          return; // the process is gone: the last value read is its peak
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void awaitExit(Duration max) throws InterruptedException, IOException {
      if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("worker still running after " + max.toSeconds() + " s; see " + log);
      }
      poller.join(1000);
      if (process.exitValue() != 0) {
        throw new IllegalStateException("worker exited " + process.exitValue() + "; log " + log + ":\n"
            + tail(log));
      }
    }

    /** SIGTERM, as an operator would; the worker finishes its jobs and exits 0. */
    void stop() throws InterruptedException, IOException {
      process.destroy();
      awaitExit(Duration.ofSeconds(40));
    }

    boolean alive() {
      return process.isAlive();
    }

    Path log() {
      return log;
    }

    double peakRssMb() {
      return peakRssMb;
    }

    /** CPU time (user + system) of the process as last polled, JVM start and JIT included. */
    long cpuMicros() {
      return cpuMicros;
    }

    static void stopAll() {
      synchronized (STARTED) {
        STARTED.stream().filter(Process::isAlive).forEach(Process::destroyForcibly);
      }
    }

    private static String tail(Path log) throws IOException {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
  }

  /** Every figure of one run, with its target; printed as a table and as JSON. */
  static final class Results {
    final double r1;
    final double r1CpuUs;
    final int n;
    double single;
    double bulk;
    double cliPerSecond;
    double cliWallSeconds;
    double bytesPerJob;
    double singleRedisCpuUsPerJob;
    double bulkRedisCpuUsPerJob;
    double singleEvalshaUsec;
    double r1End;
    double loadStart;
    double loadEnd;
    final List<Drain> drains = new ArrayList<>();
    Latency latency;

    Results(double r1, double r1CpuUs, int n) {
      this.r1 = r1;
      this.r1CpuUs = r1CpuUs;
      this.n = n;
    }

    Drain oneProcess() {
      return drains.get(0);
    }

    Drain bestOf(int processes) {
      return drains.stream().filter(d -> d.processes() == processes)
          .max((a, b) -> Double.compare(a.perSecond(), b.perSecond())).orElseThrow();
    }

    Drain best() {
      return drains.stream().max((a, b) -> Double.compare(a.perSecond(), b.perSecond())).orElseThrow();
    }

    String table(Options opt) {
      Table t = new Table();
      t.row("R1: redis-benchmark LPUSH -P 1 -c 1", fmt(r1) + " ops/s", "yardstick", "1.00", "");
      t.row("  Redis CPU per LPUSH", String.format(Locale.ROOT, "%.0f us", r1CpuUs), "", "", "");
      t.row("  R1 again after the run (-n 50000, not used)", fmt(r1End) + " ops/s", "", String.format(Locale.ROOT, "%.2f",
          r1End / r1), Math.abs(r1End / r1 - 1) > 0.2 ? "UNSTABLE" : "");
      t.atLeast("enqueue, one at a time (MyrqClient.enqueue)", single, "jobs/s", 0.75, r1);
      t.row("  (after " + WARMUP_SINGLE_JOBS + " warm-up jobs; bulk after " + WARMUP_BULK_JOBS + ")", "", "", "", "");
      t.row("  Redis CPU per job; EVALSHA time per call", String.format(Locale.ROOT, "%.0f us; %.1f us",
          singleRedisCpuUsPerJob, singleEvalshaUsec), "", "", "");
      t.atLeast("enqueue, bulk (enqueueMany, 1000 a call)", bulk, "jobs/s", 2.5, r1);
      t.row("  Redis CPU per job", String.format(Locale.ROOT, "%.1f us", bulkRedisCpuUsPerJob), "", "", "");
      t.info("enqueue, `myrq enqueue --from` (with JVM start)", cliPerSecond, "jobs/s", r1,
          String.format(Locale.ROOT, "%.2f s wall", cliWallSeconds));
      Drain one = oneProcess();
      t.atLeast("drain, 1 worker, --concurrency " + one.concurrency(), one.perSecond(), "jobs/s", 0.5, r1);
      for (Drain d : drains.subList(1, drains.size())) {
        t.info("drain, " + d.processes() + " worker(s), --concurrency " + d.concurrency(), d.perSecond(),
            "jobs/s", r1, String.format(Locale.ROOT, "%.2f s wall", d.wallSeconds()));
      }
      Drain best = best();
      t.info("drain, best: " + best.processes() + " x --concurrency " + best.concurrency(), best.perSecond(),
          "jobs/s", r1, "");
      t.row("drain wall time incl. JVM start, 1 worker", String.format(Locale.ROOT, "%.2f s", one.wallSeconds()),
          "", "", "");
      t.atMost("latency enqueue-to-start p50, 200 jobs/s", latency.p50(), "ms", 0.5);
      t.row("  (after " + LATENCY_WARMUP_JOBS + " warm-up jobs at the same rate)", "", "", "", "");
      t.atMost("latency enqueue-to-start p99", latency.p99(), "ms", 1.2);
      t.row("latency max / mean", String.format(Locale.ROOT, "%.0f / %.2f ms", latency.max(), latency.mean()),
          "", "", "");
      t.row("Redis commands per job (incl. inside Lua)", String.format(Locale.ROOT, "%.2f", one.commandsPerJob()),
          "", "", "");
      t.row("Redis top-level calls per job (EVALSHA)", String.format(Locale.ROOT, "%.3f (%.3f)",
          one.topLevelPerJob(), one.evalshaPerJob()), "", "", "");
      t.row("EVALSHA usec per call in the drain", String.format(Locale.ROOT, "%.1f", one.evalshaUsecPerCall()),
          "", "", "");
      t.row("CPU per drained job: Redis; worker JVM", String.format(Locale.ROOT, "%.0f us; %.0f us",
          one.redisCpuUsPerJob(), one.workerCpuUsPerJob()), "", "", "");
      t.atMost("Redis memory per queued no-op job", bytesPerJob, "bytes", 300);
      t.row("worker peak RSS (VmHWM), 1 worker", String.format(Locale.ROOT, "%.0f MB", one.peakRssMb()), "", "",
          "");
      return String.format(Locale.ROOT,
          "myrq benchmark: N=%d no-op jobs (%s), private Redis on port %d, %d cores, load average %.2f at start,"
              + " %.2f at end%n", n, FUNC, opt.port(), Runtime.getRuntime().availableProcessors(), loadStart,
          loadEnd) + t.render()
          + "latency: from the enqueue call to the job body start, this host's clock in us; "
          + String.format(Locale.ROOT, "sends kept to schedule within %.2f ms%n", latency.maxSendLagMs());
    }

    String json() {
      Map<String, Double> j = new LinkedHashMap<>();
      Drain one = oneProcess();
      Drain best = best();
      j.put("n_jobs", (double) n);
      j.put("r1_ops_per_s", r1);
      j.put("r1_redis_cpu_us_per_op", r1CpuUs);
      j.put("r1_end_ops_per_s", r1End);
      j.put("enqueue_single_per_s", single);
      j.put("enqueue_single_ratio", single / r1);
      j.put("enqueue_bulk_per_s", bulk);
      j.put("enqueue_bulk_ratio", bulk / r1);
      j.put("enqueue_cli_per_s", cliPerSecond);
      j.put("enqueue_cli_wall_s", cliWallSeconds);
      j.put("drain_one_process_per_s", one.perSecond());
      j.put("drain_one_process_ratio", one.perSecond() / r1);
      j.put("drain_one_process_concurrency", (double) one.concurrency());
      j.put("drain_one_process_wall_s", one.wallSeconds());
      for (Drain d : drains) {
        j.put("drain_p" + d.processes() + "_c" + d.concurrency() + "_per_s", d.perSecond());
      }
      j.put("drain_best_per_s", best.perSecond());
      j.put("drain_best_ratio", best.perSecond() / r1);
      j.put("drain_best_processes", (double) best.processes());
      j.put("drain_best_concurrency", (double) best.concurrency());
      j.put("drain_best_wall_s", best.wallSeconds());
      j.put("latency_p50_ms", latency.p50());
      j.put("latency_p99_ms", latency.p99());
      j.put("latency_max_ms", latency.max());
      j.put("latency_mean_ms", latency.mean());
      j.put("redis_commands_per_job", one.commandsPerJob());
      j.put("redis_toplevel_calls_per_job", one.topLevelPerJob());
      j.put("redis_evalsha_per_job", one.evalshaPerJob());
      j.put("redis_evalsha_usec_per_call", one.evalshaUsecPerCall());
      j.put("redis_cpu_us_per_drained_job", one.redisCpuUsPerJob());
      j.put("worker_cpu_us_per_drained_job", one.workerCpuUsPerJob());
      j.put("redis_cpu_us_per_single_enqueue", singleRedisCpuUsPerJob);
      j.put("redis_cpu_us_per_bulk_enqueue", bulkRedisCpuUsPerJob);
      j.put("enqueue_single_evalsha_usec_per_call", singleEvalshaUsec);
      j.put("redis_bytes_per_job", bytesPerJob);
      j.put("worker_peak_rss_mb", one.peakRssMb());
      j.put("load_avg_1m_start", loadStart);
      j.put("load_avg_1m_end", loadEnd);
      StringBuilder sb = new StringBuilder("{\n");
      int i = 0;
      for (var e : j.entrySet()) {
        double v = e.getValue();
        String num = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
            : String.format(Locale.ROOT, "%.4f", v);
        sb.append("  \"").append(e.getKey()).append("\": ").append(num).append(++i < j.size() ? ",\n" : "\n");
      }
      return sb.append("}\n").toString();
    }

    static String fmt(double v) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
  }

  /** A plain-text table: figure, value, target, ratio to R1, pass or miss. */
  static final class Table {
    private final List<String[]> rows = new ArrayList<>();

    void row(String figure, String value, String target, String ratio, String result) {
      rows.add(new String[] {figure, value, target, ratio, result});
    }

    void atLeast(String figure, double v, String unit, double ratio, double r1) {
      row(figure, Results.fmt(v) + " " + unit,
          String.format(Locale.ROOT, ">= %.2f x R1 = %s", ratio, Results.fmt(ratio * r1)),
          String.format(Locale.ROOT, "%.2f", v / r1), v >= ratio * r1 ? "pass" : "MISS");
    }

    void atMost(String figure, double v, String unit, double max) {
      String value = unit.equals("ms") ? String.format(Locale.ROOT, "%.1f ms", v) : Results.fmt(v) + " " + unit;
      row(figure, value, String.format(Locale.ROOT, "<= %s %s", trim(max), unit), "", v <= max ? "pass" : "MISS");
    }

    void info(String figure, double v, String unit, double r1, String note) {
      row(figure, Results.fmt(v) + " " + unit, note, String.format(Locale.ROOT, "%.2f", v / r1), "");
    }

    String render() {
      String[] head = {"figure", "value", "target", "x R1", "result"};
      int[] w = new int[head.length];
      List<String[]> all = new ArrayList<>();
      all.add(head);
      all.addAll(rows);
      for (String[] r : all) {
        for (int i = 0; i < r.length; i++) {
          w[i] = Math.max(w[i], r[i].length());
        }
      }
      StringBuilder sb = new StringBuilder();
      for (String[] r : all) {
        sb.append("| ");
        for (int i = 0; i < r.length; i++) {
          sb.append(String.format("%-" + w[i] + "s", r[i])).append(" | ");
        }
        sb.setLength(sb.length() - 1);
        sb.append('\n');
        if (r == head) {
          sb.append('|');
          for (int x : w) {
            sb.append("-".repeat(x + 2)).append('|');
          }
          sb.append('\n');
        }
      }
      return sb.toString();
    }

    private static String trim(double v) {
      return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
  }
}
