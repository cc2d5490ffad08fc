// Chaos: prove "a job, once enqueued, is never lost" under faults. Run it through scripts/chaos.sh, which puts
// the worker fat jar (core, Lettuce, Gson, embedded redis-server) on the class path of Java's source launcher.
//
// One run: its own append-only Redis on a free port in a temporary directory; 3 worker processes; JOBS jobs
// (default 2000) that sleep 0.05-0.4 s and append their marker to a file; a worker SIGKILLed every ~3 s and
// replaced; Redis restarted once when half the jobs have finished; then every job is checked. Exit 0 only if
// no job was lost, every job finished, no worker exited by itself and every worker exited 0 on SIGTERM;
// otherwise 1 with a one-line reason and the tail of each worker's log. Usage errors exit 2.

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.myrq.core.Job;
import dev.myrq.core.JobNotFoundException;
import dev.myrq.core.JobRequest;
import dev.myrq.core.JobStatus;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.MyrqException;
import dev.myrq.core.QueueInfo;
import dev.myrq.core.WorkerInfo;
import dev.myrq.core.JobFields.History;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import redis.embedded.RedisServer;

/** The run: set the stage up, drive it (enqueue, kill, restart, wait), tally every job, report, clean up. */
public final class Chaos {
  static final int WORKERS = 3;
  static final int CONCURRENCY = 8;
  static final Duration LEASE = Duration.ofSeconds(4);
  /**
   * Worker deaths a job survives before the workers fail it (their default is 3). The run kills workers far more
   * often than any deployment, and the jobs of a killed worker are put back together and usually leased together
   * by one worker, so a job can be caught by three kills it did nothing to cause. The limit guards against jobs
   * that kill their worker; that is not what this run tests.
   */
  static final int MAX_CRASHES = 10;
  /** A killed worker's job is runnable again within lease + 1 s (the reaper runs every second). */
  static final Duration RECOVERY_BOUND = LEASE.plusSeconds(1);
  /** How long every job may take to end, kills and restart included, before the run reports what is left. */
  static final Duration LIMIT = Duration.ofMinutes(5);
  static final Duration STARTUP_WAIT = Duration.ofSeconds(30);
  static final Duration SIGTERM_WAIT = Duration.ofSeconds(40);
  static final Duration POLL = Duration.ofMillis(200);
  static final int LOG_TAIL_LINES = 25;

  private final Options options;
  private final Random random;
  private final long t0 = System.nanoTime();

  Chaos(Options options) {
    this.options = options;
    this.random = new Random(options.seed());
  }

  /** The Redis client's logger of reconnect attempts (a logger name, not a type). */
  private static final String REDIS_CLIENT_RECONNECTS = "io." + "lettuce.core.protocol.ConnectionWatchdog";

  public static void main(String[] args) {
    // Before the first logger exists: this JVM prints warnings only. The Redis restart is deliberate and
    // announced, so the client's "Cannot reconnect" warnings during it are noise.
    System.setProperty("MYRQ_LOG", "WARN");
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(REDIS_CLIENT_RECONNECTS))
        .setLevel(ch.qos.logback.classic.Level.ERROR);
    Options options;
    try {
      options = Options.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("chaos: " + e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    if (options == null) {
      System.out.println(Options.USAGE);
      System.exit(0);
    }
    System.exit(new Chaos(options).run());
  }

  int run() {
    Stage stage;
    try {
      stage = Stage.create(options.repo(), options.keep());
    } catch (IOException e) {
      System.err.println("chaos: FAILED: cannot set up the temporary directory: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stage::cleanUp, "chaos-cleanup"));
    boolean ok = false;
    try {
      Report report = execute(stage);
      report.print(System.out);
      report.writeJson(options.jsonOut(), System.out);
      ok = report.reason() == null;
      return ok ? 0 : 1;
    } catch (Exception e) {
      System.err.println("chaos: FAILED: " + e);
      return 1;
    } finally {
      if (!ok) {
        stage.fleet().printTails(System.err, LOG_TAIL_LINES);
      }
      stage.cleanUp();
    }
  }

  private Report execute(Stage stage) throws Exception {
    say("myrq chaos run: %d jobs, %d workers (lease %d s, concurrency %d, max crashes %d), a kill every ~%s s, "
            + "seed %d; temp dir %s",
        options.jobs(), WORKERS, LEASE.toSeconds(), CONCURRENCY, MAX_CRASHES, seconds(options.killEvery()),
        options.seed(), stage.dir());
    stage.redis().start();
    say("Redis listening at %s, append-only data in %s", stage.redis().url(), stage.redis().dir());
    for (int i = 0; i < WORKERS; i++) {
      stage.fleet().start();
    }
    try (MyrqClient client = MyrqClient.connect(stage.redis().url())) {
      Map<String, String> idByMarker = enqueue(client, stage.record());
      say("enqueued %d jobs; %d workers starting", idByMarker.size(), WORKERS);
      Drive drive = drive(client, stage, idByMarker.size());
      say("%s; stopping the workers with SIGTERM", drive.timedOut() ? "time limit reached" : "every job has ended");
      awaitRegistered(client, stage.fleet());
      Map<String, Integer> exits = stage.fleet().terminateAll(SIGTERM_WAIT);
      Tally tally = Tally.of(client, idByMarker, stage.record(), stage.fleet().killTimes());
      long staleWrites = client.staleWrites(JobRequest.DEFAULT_QUEUE);
      return new Report(options, tally, drive, stage.fleet().kills().size(), stage.fleet().startupTimes(),
          stage.fleet().selfExits(), exits, staleWrites, elapsed());
    }
  }

  /** Enqueue every job in one call; return job ids by marker, in marker order. */
  private Map<String, String> enqueue(MyrqClient client, Path record) {
    List<JobRequest> requests = new ArrayList<>(options.jobs());
    List<String> markers = new ArrayList<>(options.jobs());
    for (int i = 1; i <= options.jobs(); i++) {
      double seconds = Math.round((0.05 + random.nextDouble() * 0.35) * 1000) / 1000.0;
      String marker = "job-" + i;
      markers.add(marker);
      requests.add(JobRequest.of("com.acme.Task.sleepThenRecord", seconds, record.toString(), marker));
    }
    List<String> ids = client.enqueueMany(requests);
    Map<String, String> idByMarker = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      idByMarker.put(markers.get(i), ids.get(i));
    }
    return idByMarker;
  }

  /**
   * Kill and replace a worker every kill period, restart Redis once at half way, until every job has ended. A kill
   * waits until at least two workers are up (heartbeating): killing one still starting up tests nothing, and the
   * survivor is what puts the killed worker's jobs back.
   */
  private Drive drive(MyrqClient client, Stage stage, int jobs) throws Exception {
    Fleet fleet = stage.fleet();
    long start = System.nanoTime();
    long limit = start + LIMIT.toNanos();
    long nextKill = start + killPause();
    Duration redisDown = null;
    Progress last = null;
    while (true) {
      Progress p = Progress.of(client);
      last = p != null ? p : last;
      if (p != null && p.allEnded(jobs)) {
        return new Drive(false, redisDown, last);
      }
      if (System.nanoTime() > limit) {
        return new Drive(true, redisDown, last);
      }
      fleet.markUp(registered(client));
      for (var dead : fleet.collectSelfExits().entrySet()) {
        say("worker %s exited by itself with code %d; started %s", dead.getKey(), dead.getValue(), fleet.start());
      }
      if (redisDown == null && p != null && p.finished() >= jobs / 2) {
        redisDown = stage.redis().restart();
        say("restarted Redis with %d/%d jobs finished (down %s s, AOF reloaded)", p.finished(), jobs,
            seconds(redisDown));
      }
      if (System.nanoTime() >= nextKill && fleet.upCount() >= 2) {
        Fleet.Kill kill = fleet.killOne(random);
        String replacement = fleet.start();
        nextKill = System.nanoTime() + killPause();
        say("killed %s (SIGKILL), started %s; %s", kill.worker(), replacement, last == null ? "?" : last);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /**
   * The kill period, jittered by up to half either way. A fixed period locks in step with the put-back (lease + up to
   * 1 s): at 2 s, the jobs of one kill ran again just as the kill after next came.
   */
  private long killPause() {
    return (long) (options.killEvery().toNanos() * (0.5 + random.nextDouble()));
  }

  /** Names of the workers with a live heartbeat record; empty while Redis does not answer. */
  private static Set<String> registered(MyrqClient client) {
    try {
      return client.workers().stream().map(WorkerInfo::name).collect(Collectors.toSet());
    } catch (MyrqException e) {
      return Set.of();
    }
  }

  /**
   * Wait until every live worker has written its first heartbeat: a replacement still starting up has no SIGTERM
   * handler yet and would exit 143 instead of stopping cleanly.
   */
  private static void awaitRegistered(MyrqClient client, Fleet fleet) throws InterruptedException {
    long end = System.nanoTime() + STARTUP_WAIT.toNanos();
    while (System.nanoTime() < end) {
      fleet.markUp(registered(client));
      if (fleet.upCount() == fleet.liveNames().size()) {
        return;
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private void say(String format, Object... args) {
    String line = String.format(Locale.ROOT, format, args);
    System.out.printf(Locale.ROOT, "[%6.1f s] %s%n", elapsed().toMillis() / 1000.0, line);
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - t0);
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
  }
}

/** What the command line and environment ask for. */
record Options(int jobs, Duration killEvery, boolean shortForm, Path jsonOut, Path repo, long seed, boolean keep) {
  static final String USAGE =
      "usage: scripts/chaos.sh [--json-out FILE]\n"
          + "  env JOBS=n (default 2000; 600 with CHAOS_SHORT=1), CHAOS_KILL_EVERY=seconds (default 3; 2 short),\n"
          + "      CHAOS_SHORT=1 (the CI form), CHAOS_SEED=n (repeat a run's job durations),\n"
          + "      CHAOS_KEEP=1 (keep the temporary directory: worker logs, Redis AOF, record file)\n"
          + "  --json-out FILE  also write the report as JSON (default target/chaos.json when target/ exists)";

  /** Parse; return null for --help. */
  static Options parse(String[] args, Map<String, String> env) {
    Path repo = Path.of(System.getProperty("myrq.repo", ".")).toAbsolutePath().normalize();
    Path jsonOut = Files.isDirectory(repo.resolve("target")) ? repo.resolve("target/chaos.json") : null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--help", "-h" -> {
          return null;
        }
        case "--json-out" -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("--json-out needs a FILE");
          }
          jsonOut = Path.of(args[++i]);
        }
        default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
      }
    }
    boolean shortForm = "1".equals(env.get("CHAOS_SHORT"));
    int jobs = positiveInt(env, "JOBS", shortForm ? 600 : 2000);
    Duration killEvery = seconds(env, "CHAOS_KILL_EVERY", shortForm ? 2 : 3);
    long seed = System.nanoTime();
    if (env.containsKey("CHAOS_SEED")) {
      try {
        seed = Long.parseLong(env.get("CHAOS_SEED").trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("CHAOS_SEED must be a whole number, got '" + env.get("CHAOS_SEED") + "'");
      }
    }
    return new Options(jobs, killEvery, shortForm, jsonOut, repo, seed, "1".equals(env.get("CHAOS_KEEP")));
  }

  private static int positiveInt(Map<String, String> env, String name, int dflt) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " must be a positive whole number, got '" + v + "'");
  }

  private static Duration seconds(Map<String, String> env, String name, double dflt) {
    String v = env.get(name);
    double s = dflt;
    if (v != null && !v.isBlank()) {
      try {
        s = Double.parseDouble(v.trim().replaceFirst("s$", ""));
      } catch (NumberFormatException e) {
        s = -1;
      }
      if (!(s >= 0.5)) {
        throw new IllegalArgumentException(name + " must be a number of seconds, at least 0.5, got '" + v + "'");
      }
    }
    return Duration.ofMillis(Math.round(s * 1000));
  }
}

/** The temporary directory and what lives in it: Redis data, the jobs dir, worker logs, the record file. */
record Stage(Path dir, RedisHost redis, Fleet fleet, Path record, boolean keep, AtomicBoolean cleaned) {
  static Stage create(Path repo, boolean keep) throws IOException {
    Path workerJar = repo.resolve("worker/target/myrq-worker.jar");
    Path exampleJar = repo.resolve("jobs-example/target/myrq-jobs-example.jar");
    Path dir = Files.createTempDirectory("myrq-chaos-");
    Path jobs = Files.createDirectories(dir.resolve("jobs"));
    Files.copy(exampleJar, jobs.resolve(exampleJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    RedisHost redis = new RedisHost(freePort(), Files.createDirectories(dir.resolve("redis")));
    Fleet fleet = new Fleet(workerJar, redis.url(), jobs, Files.createDirectories(dir.resolve("logs")));
    return new Stage(dir, redis, fleet, dir.resolve("recorded.txt"), keep, new AtomicBoolean());
  }

  /** Kill the workers, stop Redis, delete the directory (unless kept); once, from the run or the shutdown hook. */
  void cleanUp() {
    if (!cleaned.compareAndSet(false, true)) {
      return;
    }
    fleet.destroyAll();
    try {
      redis.stop();
    } catch (RuntimeException e) {
      System.err.println("chaos: stopping Redis: " + e.getMessage());
    }
    if (keep) {
      System.err.println("chaos: kept " + dir);
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      System.err.println("chaos: could not remove " + dir + ": " + e.getMessage());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }
}

/** An append-only redis-server on 127.0.0.1 that can be restarted on the same port and data directory. */
final class RedisHost {
  private final int port;
  private final Path dir;
  private volatile RedisServer server;

  RedisHost(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  Path dir() {
    return dir;
  }

  void start() {
    RedisServer s = RedisServer.builder().port(port).bind("127.0.0.1").setting("appendonly yes")
        .setting("appendfsync everysec").setting("save \"\"").setting("dir " + dir).build();
    s.start();
    server = s;
  }

  /** SIGTERM (Redis writes its AOF out and exits) and wait for the process. */
  synchronized void stop() {
    RedisServer s = server;
    if (s != null && s.isActive()) {
      s.stop();
    }
  }

  /** Stop, wait 1 s, start again so the AOF reloads; return how long Redis was away. */
  Duration restart() throws InterruptedException {
    long t = System.nanoTime();
    stop();
    Thread.sleep(1000);
    start();
    return Duration.ofNanos(System.nanoTime() - t);
  }
}

/** The worker processes: start one (named chaos-N, logging to its own file), kill one, stop them all. */
final class Fleet {
  record Kill(String worker, Instant at) {}

  private final List<String> command;
  private final Path logs;
  private final Map<String, Process> live = new ConcurrentHashMap<>();
  private final List<String> started = new ArrayList<>();
  private final Map<String, Long> startedNanos = new HashMap<>();
  /** Live workers seen heartbeating, with how long each took from process start to its first heartbeat. */
  private final Map<String, Duration> up = new HashMap<>();
  private final List<Duration> startupTimes = new ArrayList<>();
  /** Workers that exited without being killed or told to stop, with their exit codes. */
  private final Map<String, Integer> selfExits = new LinkedHashMap<>();
  private final List<Kill> kills = new ArrayList<>();

  Fleet(Path workerJar, String redisUrl, Path jobsDir, Path logs) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    this.command = List.of(java, "-jar", workerJar.toString(), "--redis", redisUrl, "--jobs-dir",
        jobsDir.toString(), "--lease", Chaos.LEASE.toSeconds() + "s", "--concurrency", "" + Chaos.CONCURRENCY,
        "--max-crashes", "" + Chaos.MAX_CRASHES);
    this.logs = logs;
  }

  /** Start a worker; return its name. */
  synchronized String start() throws IOException {
    String name = "chaos-" + (started.size() + 1);
    List<String> cmd = new ArrayList<>(command);
    cmd.add("--name");
    cmd.add(name);
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logs.resolve(name + ".log").toFile());
    pb.environment().put("MYRQ_JOB_LOG", "WARN");
    live.put(name, pb.start());
    started.add(name);
    startedNanos.put(name, System.nanoTime());
    return name;
  }

  /** Note which live workers have written a heartbeat. */
  synchronized void markUp(Set<String> registered) {
    for (String name : live.keySet()) {
      if (registered.contains(name) && !up.containsKey(name)) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos.get(name));
        up.put(name, took);
        startupTimes.add(took);
      }
    }
  }

  /** Remove the live workers whose process has ended by itself; return their exit codes by name. */
  synchronized Map<String, Integer> collectSelfExits() {
    Map<String, Integer> now = new LinkedHashMap<>();
    for (var e : new java.util.TreeMap<>(live).entrySet()) {
      if (!e.getValue().isAlive()) {
        live.remove(e.getKey());
        up.remove(e.getKey());
        now.put(e.getKey(), e.getValue().exitValue());
      }
    }
    selfExits.putAll(now);
    return now;
  }

  synchronized Map<String, Integer> selfExits() {
    return Map.copyOf(selfExits);
  }

  synchronized int upCount() {
    return up.size();
  }

  /** Process start to first heartbeat, of every worker that got that far. */
  synchronized List<Duration> startupTimes() {
    return List.copyOf(startupTimes);
  }

  /** SIGKILL a random worker that is up and wait until it is gone. */
  synchronized Kill killOne(Random random) throws InterruptedException {
    List<String> names = new ArrayList<>(up.keySet());
    names.sort(null);
    String name = names.get(random.nextInt(names.size()));
    up.remove(name);
    Process p = live.remove(name);
    Kill kill = new Kill(name, Instant.now());
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
    kills.add(kill);
    return kill;
  }

  Set<String> liveNames() {
    return Set.copyOf(live.keySet());
  }

  synchronized List<Kill> kills() {
    return List.copyOf(kills);
  }

  /** Kill time by worker name (each name is killed at most once). */
  synchronized Map<String, Instant> killTimes() {
    Map<String, Instant> m = new HashMap<>();
    kills.forEach(k -> m.put(k.worker(), k.at()));
    return m;
  }

  /** SIGTERM every live worker, wait for all; return name to exit code (-1: still running, then killed). */
  Map<String, Integer> terminateAll(Duration wait) throws InterruptedException {
    Map<String, Process> snapshot = new java.util.TreeMap<>(live);
    snapshot.values().forEach(Process::destroy);
    long end = System.nanoTime() + wait.toNanos();
    Map<String, Integer> exits = new LinkedHashMap<>();
    for (var e : snapshot.entrySet()) {
      Process p = e.getValue();
      boolean exited = p.waitFor(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (!exited) {
        p.destroyForcibly();
      }
      exits.put(e.getKey(), exited ? p.exitValue() : -1);
      live.remove(e.getKey());
      synchronized (this) {
        up.remove(e.getKey());
      }
    }
    return exits;
  }

  /** SIGKILL whatever still runs (cleanup). */
  void destroyAll() {
    live.values().forEach(Process::destroyForcibly);
    for (Process p : live.values()) {
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    live.clear();
  }

  /** Print the last lines of every worker's log, killed ones included. */
  synchronized void printTails(PrintStream out, int lines) {
    for (String name : started) {
      Path log = logs.resolve(name + ".log");
      try {
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        out.printf("-- last %d lines of %s.log --%n", Math.min(lines, all.size()), name);
        all.subList(Math.max(0, all.size() - lines), all.size()).forEach(out::println);
      } catch (IOException | UncheckedIOException e) {
        out.printf("-- %s.log unreadable: %s --%n", name, e.getMessage());
      }
    }
  }
}

/** Queue counts summed over every queue. */
record Progress(long queued, long started, long scheduled, long failed, long finished) {
  /** Read the counts; null while Redis does not answer (it is restarting). */
  static Progress of(MyrqClient client) {
    try {
      long q = 0, st = 0, sc = 0, f = 0, fin = 0;
      for (QueueInfo i : client.queues()) {
        q += i.queued();
        st += i.started();
        sc += i.scheduled();
        f += i.failed();
        fin += i.finished();
      }
      return new Progress(q, st, sc, f, fin);
    } catch (MyrqException e) {
      return null;
    }
  }

  boolean allEnded(int jobs) {
    return queued + started + scheduled == 0 && failed + finished >= jobs;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "finished %d, queued %d, running %d, failed %d", finished, queued, started, failed);
  }
}

/** How the driving went. */
record Drive(boolean timedOut, Duration redisDown, Progress last) {}

/** Every job checked against Redis and the record file, and the recovery times after kills. */
record Tally(
    int enqueued,
    int finished,
    List<String> lost,
    List<JsonObject> failed,
    List<JsonObject> unfinished,
    List<String> finishedUnrecorded,
    long recordedLines,
    long garbledLines,
    int uniqueMarkers,
    int crashedAttempts,
    int mostCrashes,
    List<JsonObject> crashesWithoutKill,
    List<Double> recoveries,
    List<Double> putBacks) {

  static Tally of(MyrqClient client, Map<String, String> idByMarker, Path record, Map<String, Instant> killAt)
      throws IOException {
    Map<String, Integer> runs = new HashMap<>();
    long lines = 0;
    long garbled = 0;
    List<String> recorded = Files.exists(record) ? Files.readAllLines(record, StandardCharsets.UTF_8) : List.of();
    for (String line : recorded) {
      if (idByMarker.containsKey(line)) {
        lines++;
        runs.merge(line, 1, Integer::sum);
      } else {
        garbled++;
      }
    }
    int finished = 0;
    int crashed = 0;
    int mostCrashes = 0;
    List<String> lost = new ArrayList<>();
    List<String> finishedUnrecorded = new ArrayList<>();
    List<JsonObject> failed = new ArrayList<>();
    List<JsonObject> unfinished = new ArrayList<>();
    List<JsonObject> noKill = new ArrayList<>();
    List<Double> recoveries = new ArrayList<>();
    List<Double> putBacks = new ArrayList<>();
    for (var e : idByMarker.entrySet()) {
      String marker = e.getKey();
      String id = e.getValue();
      Job job;
      try {
        job = client.job(id);
      } catch (JobNotFoundException nf) {
        job = null;
      }
      JobStatus status = job == null ? null : job.status();
      boolean ran = runs.containsKey(marker);
      if (status == JobStatus.FINISHED) {
        finished++;
        if (!ran) {
          finishedUnrecorded.add(id);
        }
      } else if (status == JobStatus.FAILED || status == JobStatus.TIMEOUT) {
        failed.add(describe(id, marker, job));
      } else {
        unfinished.add(describe(id, marker, job));
      }
      if (status != JobStatus.FINISHED && !ran) {
        lost.add(id);
      }
      if (job != null && job.crashes() > 0) {
        mostCrashes = Math.max(mostCrashes, job.crashes());
        crashed += recoveries(job, killAt, recoveries, putBacks, noKill);
      }
    }
    return new Tally(idByMarker.size(), finished, lost, failed, unfinished, finishedUnrecorded, lines, garbled,
        runs.size(), crashed, mostCrashes, noKill, recoveries, putBacks);
  }

  /**
   * For each crashed attempt in the job's history: seconds from the kill of the worker that held it to the
   * job's next start (the next history entry's start, or the job's own start for its last attempt), and to its
   * put-back (the entry's end, written by the reaper). Return the number of crashed attempts.
   */
  private static int recoveries(
      Job job, Map<String, Instant> killAt, List<Double> out, List<Double> putBacks, List<JsonObject> noKill) {
    if (job.history() == null || job.history().isBlank()) {
      return 0;
    }
    JsonArray history = JsonParser.parseString(job.history()).getAsJsonArray();
    int crashed = 0;
    for (int i = 0; i < history.size(); i++) {
      JsonObject h = history.get(i).getAsJsonObject();
      if (!"crashed".equals(text(h, History.OUTCOME))) {
        continue;
      }
      crashed++;
      String worker = text(h, History.WORKER);
      Instant killed = killAt.get(worker);
      long reapedAt = h.has(History.ENDED_AT) ? h.get(History.ENDED_AT).getAsLong() : 0;
      if (killed == null || reapedAt < killed.toEpochMilli()) {
        // Reaped while its worker was alive: the worker lost a lease it should have held.
        JsonObject o = new JsonObject();
        o.addProperty("id", job.id());
        o.addProperty("worker", worker);
        o.addProperty("started_at", h.has(History.STARTED_AT) ? h.get(History.STARTED_AT).getAsLong() : 0);
        o.addProperty("reaped_at", reapedAt);
        o.addProperty("killed_at", killed == null ? null : killed.toEpochMilli());
        noKill.add(o);
        continue;
      }
      putBacks.add((reapedAt - killed.toEpochMilli()) / 1000.0);
      Long next = i + 1 < history.size()
          ? Long.valueOf(history.get(i + 1).getAsJsonObject().get(History.STARTED_AT).getAsLong())
          : job.startedAt() == null ? null : job.startedAt().toEpochMilli();
      if (next != null) {
        out.add((next - killed.toEpochMilli()) / 1000.0);
      }
    }
    return crashed;
  }

  private static String text(JsonObject o, String field) {
    JsonElement e = o.get(field);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }

  private static JsonObject describe(String id, String marker, Job job) {
    JsonObject o = new JsonObject();
    o.addProperty("id", id);
    o.addProperty("marker", marker);
    o.addProperty("status", job == null ? "missing" : job.status().word());
    if (job != null) {
      o.addProperty("crashes", job.crashes());
      o.addProperty("attempt", job.attempt());
      o.addProperty("worker", job.worker());
      o.addProperty("error", job.error());
    }
    return o;
  }

  int duplicates() {
    return (int) (recordedLines - uniqueMarkers);
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> s = new ArrayList<>(values);
    s.sort(null);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }

  /** Put-backs later than lease + 1 s after the kill. */
  long overBound() {
    double bound = Chaos.RECOVERY_BOUND.toMillis() / 1000.0;
    return putBacks.stream().filter(r -> r > bound).count();
  }
}

/** The figures of one run, as text for a person and as JSON; {@link #reason} is null when the run passed. */
record Report(
    Options options,
    Tally tally,
    Drive drive,
    int kills,
    List<Duration> startups,
    Map<String, Integer> selfExits,
    Map<String, Integer> workerExits,
    long staleWrites,
    Duration wall) {

  /** Why the run failed, in one line; null when it passed. */
  String reason() {
    if (!tally.lost().isEmpty()) {
      return tally.lost().size() + " job(s) lost: enqueued, never ran and not finished, e.g. " + tally.lost().get(0);
    }
    if (!tally.unfinished().isEmpty()) {
      return tally.unfinished().size() + " job(s) not ended after " + Chaos.LIMIT.toMinutes()
          + " min, e.g. " + tally.unfinished().get(0);
    }
    if (!tally.failed().isEmpty()) {
      return tally.failed().size() + " job(s) failed, e.g. " + tally.failed().get(0);
    }
    if (!tally.finishedUnrecorded().isEmpty()) {
      return tally.finishedUnrecorded().size() + " job(s) marked finished but never ran, e.g. "
          + tally.finishedUnrecorded().get(0);
    }
    for (var e : selfExits.entrySet()) {
      return "worker " + e.getKey() + " exited by itself with code " + e.getValue() + " (it should keep running)";
    }
    for (var e : workerExits.entrySet()) {
      if (e.getValue() != 0) {
        return "worker " + e.getKey() + (e.getValue() < 0 ? " did not stop within " + Chaos.SIGTERM_WAIT.toSeconds()
            + " s of SIGTERM" : " exited " + e.getValue() + " on SIGTERM, not 0");
      }
    }
    return null;
  }

  void print(PrintStream out) {
    String bound = Chaos.seconds(Chaos.RECOVERY_BOUND);
    out.println();
    out.printf("myrq chaos report%s%n", options.shortForm() ? " (short form)" : "");
    row(out, "jobs enqueued", tally.enqueued(), "");
    row(out, "jobs finished", tally.finished(), "");
    row(out, "jobs lost", tally.lost().size(), "enqueued, not finished at the end and never ran; must be 0");
    row(out, "jobs failed", tally.failed().size(), firstFew(tally.failed()));
    row(out, "jobs not ended", tally.unfinished().size(), firstFew(tally.unfinished()));
    row(out, "duplicate executions", tally.duplicates(), "runs beyond the first (at-least-once allows them)");
    row(out, "kills", kills, "SIGKILL, every ~" + Chaos.seconds(options.killEvery()) + " s while two workers are up");
    row(out, "Redis restarts", drive.redisDown() == null ? 0 : 1,
        drive.redisDown() == null ? "the run ended before half the jobs had finished"
            : "down " + Chaos.seconds(drive.redisDown()) + " s, AOF reloaded");
    row(out, "crashed attempts", tally.crashedAttempts(), "attempts cut short by a kill, then run again");
    row(out, "most crashes of one job", tally.mostCrashes(), "workers fail a job at " + Chaos.MAX_CRASHES);
    row(out, "crashes without a kill", tally.crashesWithoutKill().size(),
        "attempts reaped while their worker was alive (lease lost: stalled worker or a fault)");
    out.printf("  %-28s median %.1f s, max %.1f s over %d crashed attempts (kill to the job's next start)%n",
        "recovery after a kill", Tally.median(tally.recoveries()), Tally.max(tally.recoveries()),
        tally.recoveries().size());
    out.printf("  %-28s median %.1f s, max %.1f s (kill to put-back; bound lease + 1 s = %s s, %d later)%n",
        "put back after a kill", Tally.median(tally.putBacks()), Tally.max(tally.putBacks()), bound,
        tally.overBound());
    out.printf("  %-28s median %.1f s, max %.1f s over %d starts (process start to first heartbeat)%n",
        "worker start-up", startupMedian(), startupMax(), startups.size());
    row(out, "stale writes", staleWrites, "results refused because the writer had lost its lease");
    row(out, "workers exited by themselves", selfExits.size(), selfExits.isEmpty() ? "" : selfExits.toString());
    row(out, "workers at the end", workerExits.size(), "exit codes on SIGTERM " + workerExits.values());
    out.printf("  %-28s %s s%n", "wall time", Chaos.seconds(wall));
    String reason = reason();
    out.println(reason == null ? "result: OK, no job lost" : "result: FAILED: " + reason);
  }

  double startupMedian() {
    List<Long> ms = startups.stream().map(Duration::toMillis).sorted().toList();
    return ms.isEmpty() ? 0 : ms.get(ms.size() / 2) / 1000.0;
  }

  double startupMax() {
    return startups.stream().mapToLong(Duration::toMillis).max().orElse(0) / 1000.0;
  }

  private static String firstFew(List<JsonObject> items) {
    return items.isEmpty() ? "" : items.subList(0, Math.min(3, items.size())) + (items.size() > 3 ? " ..." : "");
  }

  private static void row(PrintStream out, String name, long value, String note) {
    out.printf("  %-28s %-6d %s%n", name, value, note);
  }

  void writeJson(Path file, PrintStream out) throws IOException {
    if (file == null) {
      return;
    }
    JsonObject o = new JsonObject();
    o.addProperty("result", reason() == null ? "ok" : "failed");
    o.addProperty("reason", reason());
    o.addProperty("short_form", options.shortForm());
    o.addProperty("seed", options.seed());
    o.addProperty("workers", Chaos.WORKERS);
    o.addProperty("concurrency", Chaos.CONCURRENCY);
    o.addProperty("lease_s", Chaos.LEASE.toSeconds());
    o.addProperty("kill_every_s", options.killEvery().toMillis() / 1000.0);
    o.addProperty("jobs_enqueued", tally.enqueued());
    o.addProperty("jobs_finished", tally.finished());
    o.addProperty("jobs_lost", tally.lost().size());
    o.addProperty("jobs_failed", tally.failed().size());
    o.add("failed_jobs", array(tally.failed()));
    o.addProperty("jobs_not_ended", tally.unfinished().size());
    o.add("not_ended_jobs", array(tally.unfinished()));
    o.addProperty("finished_without_record", tally.finishedUnrecorded().size());
    o.addProperty("recorded_runs", tally.recordedLines());
    o.addProperty("garbled_lines", tally.garbledLines());
    o.addProperty("duplicate_executions", tally.duplicates());
    o.addProperty("kills", kills);
    o.addProperty("redis_restarts", drive.redisDown() == null ? 0 : 1);
    o.addProperty("redis_down_s", drive.redisDown() == null ? 0 : drive.redisDown().toMillis() / 1000.0);
    o.addProperty("crashed_attempts", tally.crashedAttempts());
    o.addProperty("most_crashes_of_one_job", tally.mostCrashes());
    o.addProperty("max_crashes", Chaos.MAX_CRASHES);
    o.add("crashes_without_kill", array(tally.crashesWithoutKill()));
    JsonObject rec = new JsonObject();
    rec.addProperty("count", tally.recoveries().size());
    rec.addProperty("median_s", Tally.median(tally.recoveries()));
    rec.addProperty("max_s", Tally.max(tally.recoveries()));
    rec.addProperty("put_back_median_s", Tally.median(tally.putBacks()));
    rec.addProperty("put_back_max_s", Tally.max(tally.putBacks()));
    rec.addProperty("put_back_bound_s", Chaos.RECOVERY_BOUND.toMillis() / 1000.0);
    rec.addProperty("put_back_over_bound", tally.overBound());
    o.add("recovery", rec);
    JsonObject up = new JsonObject();
    up.addProperty("count", startups.size());
    up.addProperty("median_s", startupMedian());
    up.addProperty("max_s", startupMax());
    o.add("worker_startup", up);
    o.addProperty("stale_writes", staleWrites);
    JsonObject exits = new JsonObject();
    workerExits.forEach(exits::addProperty);
    o.add("worker_exits_on_sigterm", exits);
    JsonObject self = new JsonObject();
    selfExits.forEach(self::addProperty);
    o.add("worker_exits_by_themselves", self);
    o.addProperty("wall_time_s", wall.toMillis() / 1000.0);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(o) + "\n");
    out.println("report written to " + file);
  }

  private static JsonArray array(List<JsonObject> items) {
    JsonArray a = new JsonArray();
    items.forEach(a::add);
    return a;
  }
}
