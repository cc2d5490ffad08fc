package dev.myrq.tools.chaos;

import dev.myrq.core.JobRequest;
import dev.myrq.core.MyrqClient;
import dev.myrq.core.MyrqException;
import dev.myrq.core.WorkerInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chaos: prove "a job, once enqueued, is never lost" under faults. Run it through scripts/chaos.sh. One run: its
 * own append-only Redis on a free port in a temporary directory; 3 worker processes; JOBS jobs (default 2000) that
 * sleep 0.05-0.4 s and append their marker to a file; first one worker stalled (SIGSTOP past its lease, then
 * SIGCONT), then a worker SIGKILLed every ~3 s and replaced; Redis restarted once when half the jobs have finished;
 * then every job is checked. With --cluster: a 3-master Redis Cluster instead ({@link ClusterHost}), the jobs spread
 * over 3 queues (one per master), and instead of the restart one queue's slot moved to another master ({@link
 * SlotMove}). Exit 0 only if no job was lost, every job finished, the stall ran, no job ended
 * WorkerDied without a kill, no worker exited by itself and every worker exited 0 on SIGTERM; otherwise 1 with a
 * one-line reason and the tail of each worker's log. Usage errors exit 2.
 *
 * <p>The run: set the stage up ({@link Stage}), drive it (enqueue, stall with {@link Stall}, kill with {@link
 * Fleet}, restart Redis or move a slot through {@link RedisTarget}, wait), tally every job ({@link Tally}), report ({@link Report}), clean
 * up. This JVM logs warnings only (logback.xml of this module): the Redis restart is deliberate and announced.
 */
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

  public static void main(String[] args) {
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
      stage = Stage.create(options.repo(), options.keep(), options.cluster());
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
    say("myrq chaos run%s: %d jobs, %d workers (lease %d s, concurrency %d, max crashes %d), a kill every ~%s s, "
            + "seed %d; temp dir %s",
        options.cluster() ? " on a cluster" : "", options.jobs(), WORKERS, LEASE.toSeconds(), CONCURRENCY, MAX_CRASHES, seconds(options.killEvery()),
        options.seed(), stage.dir());
    RedisTarget redis = stage.redis();
    redis.start();
    say("%s", redis.describe());
    stage.fleet().target(redis.url(), redis.queues());
    for (int i = 0; i < WORKERS; i++) {
      stage.fleet().start();
    }
    try (MyrqClient client = MyrqClient.connect(redis.url())) {
      Map<String, String> idByMarker = enqueue(client, stage.record(), redis.queues());
      say("enqueued %d jobs; %d workers starting", idByMarker.size(), WORKERS);
      Drive drive = drive(client, stage, idByMarker.size());
      say("%s; stopping the workers with SIGTERM", drive.timedOut() ? "time limit reached" : "every job has ended");
      awaitRegistered(client, stage.fleet());
      Map<String, Integer> exits = stage.fleet().terminateAll(SIGTERM_WAIT);
      Tally tally = Tally.of(client, idByMarker, stage.record(), stage.fleet().killTimes(), drive.stall());
      long staleWrites = redis.queues().stream().mapToLong(client::staleWrites).sum();
      return new Report(options, tally, drive, stage.fleet().kills().size(), stage.fleet().startupTimes(),
          stage.fleet().selfExits(), exits, staleWrites, elapsed());
    }
  }

  /** Enqueue every job in one call, spread over the queues; return job ids by marker, in marker order. */
  private Map<String, String> enqueue(MyrqClient client, Path record, List<String> queues) {
    List<JobRequest> requests = new ArrayList<>(options.jobs());
    List<String> markers = new ArrayList<>(options.jobs());
    for (int i = 1; i <= options.jobs(); i++) {
      double seconds = Math.round((0.05 + random.nextDouble() * 0.35) * 1000) / 1000.0;
      String marker = "job-" + i;
      markers.add(marker);
      requests.add(JobRequest.of("com.acme.testjobs.Risky.sleepThenRecord", seconds, record.toString(), marker)
          .withQueue(queues.get(i % queues.size())));
    }
    List<String> ids = client.enqueueMany(requests);
    Map<String, String> idByMarker = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      idByMarker.put(markers.get(i), ids.get(i));
    }
    return idByMarker;
  }

  /**
   * Stall one worker first ({@link Stall}), then kill and replace a worker every kill period, inject the target's
   * fault once at half way (restart Redis, or move a slot), until every job has ended. A kill waits until at least
   * two workers run (heartbeating, not stopped):
   * killing one still starting up tests nothing, and the survivor is what puts the killed worker's jobs back. It
   * never takes the stalled worker.
   */
  private Drive drive(MyrqClient client, Stage stage, int jobs) throws Exception {
    Fleet fleet = stage.fleet();
    Stall stall = new Stall(fleet);
    long start = System.nanoTime();
    long limit = start + LIMIT.toNanos();
    long nextKill = start + killPause();
    RedisTarget.Fault fault = null;
    Progress last = null;
    while (true) {
      Progress p = Progress.of(client);
      last = p != null ? p : last;
      boolean ended = p != null && p.allEnded(jobs);
      if ((ended || System.nanoTime() > limit) && stall.maybeResume(true)) {
        say("resumed %s (SIGCONT) as the run ends", stall.window().worker());
      }
      if (ended || System.nanoTime() > limit) {
        return new Drive(!ended, stage.redis().faultName(), fault, last, stall.window());
      }
      Map<String, Integer> heldJobs = heldJobs(client);
      fleet.markUp(heldJobs.keySet());
      for (var dead : fleet.collectSelfExits().entrySet()) {
        say("worker %s exited by itself with code %d; started %s", dead.getKey(), dead.getValue(), fleet.start());
      }
      String stopped = stall.maybeStop(heldJobs);
      if (stopped != null) {
        say("stalled %s (SIGSTOP), holding %d job(s), for %s s, past its lease of %d s; %s", stopped,
            heldJobs.get(stopped), seconds(Stall.LENGTH), LEASE.toSeconds(), p);
      }
      if (stall.maybeResume(false)) {
        say("resumed %s (SIGCONT) after %s s; %s", stall.window().worker(), seconds(stall.window().length()), last);
      }
      if (fault == null && p != null && p.finished() >= jobs / 2) {
        fault = stage.redis().injectFault();
        say("%s, with %d/%d jobs finished", fault.detail(), p.finished(), jobs);
      }
      if (stall.begun() && System.nanoTime() >= nextKill && fleet.runningCount() >= 2 && fleet.killableCount() > 0) {
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
    return heldJobs(client).keySet();
  }

  /** Jobs held by each worker with a live heartbeat record, by name; empty while Redis does not answer. */
  private static Map<String, Integer> heldJobs(MyrqClient client) {
    try {
      return client.workers().stream().collect(Collectors.toMap(WorkerInfo::name, w -> w.jobs().size(), (a, b) -> a));
    } catch (MyrqException e) {
      return Map.of();
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
